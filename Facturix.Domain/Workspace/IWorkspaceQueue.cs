using Facturix.Domain.Users;

namespace Facturix.Domain.Workspace;

/// <summary>
/// The BD's queue: which campaigns they can work, the next callable lead under a lease lock, and the lock's life
/// (renew while the workspace is open, release on finish, skip or circuit close). Get Next is one SQL statement
/// with <c>FOR UPDATE SKIP LOCKED</c>, so two BDs never hold the same lead (architecture.md, "Lead locks are leases").
/// </summary>
public interface IWorkspaceQueue
{
    /// <summary>The actor's active campaigns with the number of leads callable now.</summary>
    Task<IReadOnlyList<WorkspaceCampaign>> GetCampaignsAsync(Actor actor, CancellationToken ct = default);

    /// <summary>
    /// Locks and returns the next callable lead of <paramref name="campaignId"/> (the lead the actor already holds there
    /// first), or says why there is none and when the next one becomes callable. Publishes LeadLocked in the same transaction.
    /// </summary>
    Task<QueueResult> GetNextAsync(Actor actor, Guid campaignId, CancellationToken ct = default);

    /// <summary>Extends the actor's lease on <paramref name="leadId"/>; a lost lease is a ConflictException.</summary>
    Task<DateTimeOffset> RenewAsync(Actor actor, Guid leadId, CancellationToken ct = default);

    /// <summary>Releases the actor's lock on <paramref name="leadId"/> (Finish without an outcome, circuit closed).</summary>
    Task ReleaseAsync(Actor actor, Guid leadId, CancellationToken ct = default);

    /// <summary>Releases the lock and logs the reason the BD gave for skipping the lead.</summary>
    Task SkipAsync(Actor actor, Guid leadId, string reason, CancellationToken ct = default);
}

/// <summary>
/// A campaign in the selector, with its leads callable right now and, while its calling hours are closed (in the
/// campaign's own zone), when they open next: before nine a BD read "0 callable" on every campaign with no reason why.
/// </summary>
public sealed record WorkspaceCampaign(Guid Id, string Name, string AccountName, int CallableNow, DateTimeOffset? OpensAt = null);

/// <summary>Why the queue is empty (the <c>queue-empty</c> hook's <c>data-reason</c>).</summary>
public enum QueueEmptyReason { Empty, OutsideHours, AllLocked, CapsReached }

/// <summary>Either a locked lead, or the reason there is none and, when known, when the next lead becomes callable.</summary>
public sealed record QueueResult(WorkspaceLead? Lead, QueueEmptyReason? EmptyReason = null, DateTimeOffset? NextCallableAt = null)
{
    public static QueueResult Locked(WorkspaceLead lead) => new(lead);
    public static QueueResult Nothing(QueueEmptyReason reason, DateTimeOffset? nextAt) => new(null, reason, nextAt);
}

/// <summary>The lead card of the workspace, as locked for the actor.</summary>
public sealed record WorkspaceLead(
    Guid Id,
    Guid CampaignId,
    Guid AccountId,
    string DisplayName,
    string Company,
    string? JobTitle,
    string? Phone,
    string? Email,
    string Country,
    string? StatusLabel,
    Leads.LeadStatus Status,
    int Score,
    int CallAttempts,
    DateTimeOffset? LastContactedAt,
    DateTimeOffset? NextCallAt,
    DateTimeOffset LockExpiresAt,
    /// <summary>IANA zone the calling hours were checked in (the lead's own, else its country's, else the campaign's).</summary>
    string TimeZone,
    uint Version);
