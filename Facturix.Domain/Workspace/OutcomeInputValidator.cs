using FluentValidation;

namespace Facturix.Domain.Workspace;

/// <summary>
/// The rules of <see cref="OutcomeInput"/> that need nothing but the input and the time (codes only). Whether the chosen
/// outcome requires a note or a callback date depends on the campaign's configuration: the service checks those with
/// <see cref="Common.ErrorCodes.OutcomeNoteRequired"/> and <see cref="Common.ErrorCodes.OutcomeCallbackRequired"/>.
/// </summary>
public sealed class OutcomeInputValidator : AbstractValidator<OutcomeInput>
{
    /// <summary>Same limit as a lead's note: the call's note is one more entry of the same timeline.</summary>
    public const int NoteMaxLength = Leads.LeadNoteValidator.MaxLength;

    /// <summary>The rules with the real clock (forms, the coverage test). DI prefers the constructor with the app's clock.</summary>
    public OutcomeInputValidator() : this(TimeProvider.System) { }

    public OutcomeInputValidator(TimeProvider clock)
    {
        RuleFor(o => o.Note)
            .Must(n => n is null || n.Trim().Length <= NoteMaxLength).WithErrorCode("workspace.note.too-long");
        // A callback in the past would make the lead due at once: the BD meant another day.
        RuleFor(o => o.CallbackAt)
            .Must(at => at is null || at.Value > clock.GetUtcNow()).WithErrorCode("workspace.callback-at.past");
    }
}
