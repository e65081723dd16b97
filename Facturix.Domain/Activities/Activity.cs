namespace Facturix.Domain.Activities;

/// <summary>One entry of a timeline: a call, an email, a note, a status change... on a lead and/or an account.</summary>
public sealed class Activity
{
    /// <summary>
    /// The stored <see cref="Subject"/> of the note a skip leaves (its body is the BD's reason): a marker, not words.
    /// Screens show it in the reader's language.
    /// </summary>
    public const string SkipSubject = "Skip";

    public Guid Id { get; set; }
    public Guid? LeadId { get; set; }
    public Guid? AccountId { get; set; }
    public Guid? CampaignId { get; set; }
    /// <summary>Who did it; null for system activity (imports, sync).</summary>
    public Guid? UserId { get; set; }
    public ActivityKind Kind { get; set; }
    public CallOutcome? Outcome { get; set; }
    /// <summary>The campaign-specific outcome logged, when the campaign defines its own.</summary>
    public Guid? CampaignOutcomeId { get; set; }
    /// <summary>For a status change: the stage before and after, stored as data so the timeline reads in any language.</summary>
    public Leads.LeadStatus? StatusFrom { get; set; }
    public Leads.LeadStatus? StatusTo { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public int? DurationSeconds { get; set; }
    public CallDirection? Direction { get; set; }
    /// <summary>Where the activity came from when not typed in Facturix ("aircall", "imap"), with that system's id: replaying the same event changes nothing.</summary>
    public string? ExternalSource { get; set; }
    public string? ExternalId { get; set; }
    public string? RecordingUrl { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>Shown in the client portal (backlog 2.5.6).</summary>
    public bool ClientVisible { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
