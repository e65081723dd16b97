using Facturix.Domain.Users;

namespace Facturix.Domain.Workspace;

/// <summary>
/// Logging a call outcome from the workspace (2.2.2): one call activity plus the outcome's side effects (status,
/// attempts, callback, note) in one transaction, so a lead is never left half-updated.
/// </summary>
public interface IWorkspaceOutcomes
{
    /// <summary>The campaign's outcomes in key order, with their digit (the buttons).</summary>
    Task<IReadOnlyList<WorkspaceOutcome>> GetOutcomesAsync(Actor actor, Guid campaignId, CancellationToken ct = default);

    /// <summary>
    /// Records <paramref name="input"/> on a lead the actor holds; with <see cref="OutcomeInput.Release"/> the lock is
    /// released in the same transaction (Finish &amp; Get Next).
    /// </summary>
    Task<OutcomeRecorded> RecordAsync(Actor actor, OutcomeInput input, CancellationToken ct = default);
}

/// <summary>An outcome button: <c>outcome-{Key}</c>, pressed with <see cref="Hotkey"/>.</summary>
public sealed record WorkspaceOutcome(Guid Id, string Key, string Label, int? Hotkey, bool RequiresNote, bool RequiresCallbackDate, int? CallbackDelayMinutes);

/// <summary>What the BD chose for the lead on screen.</summary>
public sealed class OutcomeInput
{
    public Guid LeadId { get; set; }
    public Guid OutcomeId { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? CallbackAt { get; set; }
    public bool Release { get; set; }
    /// <summary>
    /// The call this hold's earlier outcome logged, when the BD pressed another digit to correct it (the workspace remembers
    /// it with the hold): that call is amended to this outcome (one call, one attempt) instead of a second call being
    /// logged. Ignored, and a new call logged, when it is not the last call of the actor's current hold (decision 0078).
    /// </summary>
    public Guid? Amends { get; set; }
}

/// <summary>The logged (or amended, <see cref="OutcomeInput.Amends"/>) call activity and where the lead now stands.</summary>
public sealed record OutcomeRecorded(Guid ActivityId, Guid LeadId, Leads.LeadStatus Status, DateTimeOffset? NextCallAt, bool Released)
{
    /// <summary>
    /// The label of the lead's campaign status after the outcome (the one it moved to, or the one it kept); null when the lead
    /// has none, which the card shows as the stage's label. Whole, not a change: the card takes it as it is.
    /// </summary>
    public string? StatusLabel { get; init; }
    public int CallAttempts { get; init; }
    /// <summary>Only an outcome that counts as a contact moves it: a no-answer leaves the last real contact.</summary>
    public DateTimeOffset? LastContactedAt { get; init; }
    public int Score { get; init; }
}
