using FluentValidation;

namespace Facturix.Domain.Workspace;

/// <summary>The skip dialog's model: why the BD passes on the lead on screen (logged on the lead's timeline).</summary>
public sealed class SkipReason
{
    public string Reason { get; set; } = "";
}

/// <summary>Codes only; the App words them (ErrorStrings).</summary>
public sealed class SkipReasonValidator : AbstractValidator<SkipReason>
{
    public SkipReasonValidator()
    {
        RuleFor(s => s.Reason).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithErrorCode("workspace.skip-reason.required")
            .Must(r => r.Trim().Length <= QueueRules.SkipReasonMaxLength).WithErrorCode("workspace.skip-reason.too-long");
    }
}
