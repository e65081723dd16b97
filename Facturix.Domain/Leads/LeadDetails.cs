using Facturix.Domain.Activities;
using Facturix.Domain.Tasks;

namespace Facturix.Domain.Leads;

/// <summary>Everything the lead page shows above its timeline. <see cref="Version"/> goes back with an edit.</summary>
public sealed record LeadDetails(
    Guid Id,
    string? FirstName, string? LastName, string? JobTitle, string Company, string? Email, string? Phone,
    string Country, string? City,
    LeadStatus Status,
    /// <summary>The campaign's own label when the lead has a campaign status; otherwise null (the page words <see cref="Status"/>).</summary>
    string? StatusLabel,
    StatusCategory StatusCategory,
    string? StatusColor,
    Guid? OwnerId, string? OwnerName,
    Guid CampaignId, string CampaignName,
    Guid AccountId, string AccountName,
    DateTimeOffset? LastContactedAt,
    uint Version,
    IReadOnlyList<LeadTaskRow> OpenTasks,
    LeadScore Score,
    string? Website = null,
    int? CompanyEmployees = null,
    /// <summary>Who holds the lead's lease lock, while it is held (null when free or the lease ran out).</summary>
    LeadLockHolder? Lock = null)
{
    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>The lead's own campaign status, when it has one (the status chip marks it among <see cref="CampaignStatuses"/>).</summary>
    public Guid? CampaignStatusId { get; init; }

    /// <summary>The campaign's statuses in its order: the status chip's choices (empty when the campaign defines none).</summary>
    public IReadOnlyList<LeadFilterStatus> CampaignStatuses { get; init; } = [];
}

/// <summary>The holder of a lead's lock and when the lease runs out (the lead page hides the badge from then on).</summary>
public sealed record LeadLockHolder(Guid UserId, string Email, string DisplayName, DateTimeOffset ExpiresAt);

public sealed record LeadTaskRow(Guid Id, string Title, DateTimeOffset? DueAt, TaskPriority Priority, string AssigneeName);

/// <summary>Which timeline entries to read: <paramref name="Kinds"/> empty means all; <paramref name="Before"/> is the last item of the previous page.</summary>
public sealed record TimelineQuery(IReadOnlySet<ActivityKind>? Kinds = null, TimelineCursor? Before = null, int PageSize = 20)
{
    public const int MaxPageSize = 100;
    public int Take => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>Keyset position: items strictly older than (OccurredAt, Id).</summary>
public sealed record TimelineCursor(DateTimeOffset OccurredAt, Guid Id);

public sealed record TimelineItem(
    Guid Id, ActivityKind Kind, DateTimeOffset OccurredAt, string? UserName,
    string? Subject, string? Body, CallOutcome? Outcome, int? DurationSeconds, CallDirection? Direction,
    LeadStatus? StatusFrom, LeadStatus? StatusTo, string? ExternalSource = null,
    /// <summary>A call's outcome as its campaign named it (the workspace button pressed); null for a call logged otherwise.</summary>
    string? OutcomeLabel = null)
{
    public TimelineCursor Cursor => new(OccurredAt, Id);
}

/// <summary>
/// One page of the timeline, newest first. <see cref="HasMore"/> says another page follows (ask with the last item's cursor).
/// The jump ids are the lead's first contact (oldest call or outbound email) and last reply (newest inbound email or
/// call), whatever the filter, null when none.
/// </summary>
public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, bool HasMore, Guid? FirstContactId, Guid? LastReplyId);

/// <summary>Score engagement signals read from activities (the rule itself is <see cref="LeadScoring"/>).</summary>
public static class LeadEngagement
{
    /// <summary>Call outcomes that show interest (backlog 2.3.4's "positive outcomes").</summary>
    public static bool IsPositive(CallOutcome outcome) => outcome is CallOutcome.Interested or CallOutcome.MeetingBooked;
}
