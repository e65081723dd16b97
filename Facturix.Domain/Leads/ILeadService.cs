using FluentValidation;
using Facturix.Domain.Users;

namespace Facturix.Domain.Leads;

public interface ILeadService
{
    /// <summary>The lead page: fields, status, links, open tasks and the score breakdown computed now. Out of scope: NotFound.</summary>
    Task<LeadDetails> GetAsync(Actor actor, Guid leadId, CancellationToken ct = default);

    /// <summary>One page of the lead's activities, newest first (keyset on OccurredAt, Id), optionally of some kinds only.</summary>
    Task<TimelinePage> GetTimelineAsync(Actor actor, Guid leadId, TimelineQuery query, CancellationToken ct = default);

    /// <summary>
    /// Saves the edited fields, normalised (phone E.164, email lower-case, country ISO). A lead changed since
    /// <paramref name="expectedVersion"/> was read ends in ConflictException(conflict.concurrency), never an overwrite.
    /// </summary>
    Task UpdateAsync(Actor actor, Guid leadId, LeadEditInput input, uint expectedVersion, CancellationToken ct = default);

    /// <summary>Adds a note by the actor to the lead's timeline and announces it. Returns the activity id.</summary>
    Task<Guid> AddNoteAsync(Actor actor, Guid leadId, string text, CancellationToken ct = default);
}

/// <summary>The note text the service accepts: 1-5,000 characters once trimmed.</summary>
public sealed class LeadNoteValidator : AbstractValidator<LeadNote>
{
    public const int MaxLength = 5000;

    public LeadNoteValidator()
    {
        RuleFor(n => n.Text).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithErrorCode("lead.note.required")
            .Must(t => t.Trim().Length <= MaxLength).WithErrorCode("lead.note.too-long");
    }
}

/// <summary>The note composer's model (a class so the form binds to it).</summary>
public sealed class LeadNote
{
    public string Text { get; set; } = "";
}
