using System.Text.Json.Serialization;
using Facturix.Domain.Activities;

namespace Facturix.Domain.LiveEvents;

/// <summary>
/// Something that changed and that open circuits may want to show at once. Events travel between app
/// instances as JSON through PostgreSQL NOTIFY, so each one stays small: ids, not whole entities.
/// A new event is one record here plus one <see cref="JsonDerivedTypeAttribute"/> line.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AccountChanged), "account-changed")]
[JsonDerivedType(typeof(CampaignChanged), "campaign-changed")]
[JsonDerivedType(typeof(LeadUpdated), "lead-updated")]
[JsonDerivedType(typeof(LeadLocked), "lead-locked")]
[JsonDerivedType(typeof(LeadUnlocked), "lead-unlocked")]
[JsonDerivedType(typeof(LeadPresenceChanged), "lead-presence-changed")]
[JsonDerivedType(typeof(LeadsImported), "leads-imported")]
[JsonDerivedType(typeof(ImportProgressed), "import-progressed")]
[JsonDerivedType(typeof(LeadsChanged), "leads-changed")]
[JsonDerivedType(typeof(BulkOperationProgressed), "bulk-progressed")]
[JsonDerivedType(typeof(DuplicatesScanned), "duplicates-scanned")]
[JsonDerivedType(typeof(SavedViewsChanged), "saved-views-changed")]
[JsonDerivedType(typeof(ActivityLogged), "activity-logged")]
[JsonDerivedType(typeof(TaskChanged), "task-changed")]
[JsonDerivedType(typeof(AccessChanged), "access-changed")]
[JsonDerivedType(typeof(GoalsChanged), "goals-changed")]
[JsonDerivedType(typeof(LiveEventsResynced), "resynced")]
public abstract record LiveEvent;

public sealed record AccountChanged(Guid AccountId) : LiveEvent;

public sealed record CampaignChanged(Guid CampaignId, Guid AccountId) : LiveEvent;

public sealed record LeadUpdated(Guid LeadId, Guid CampaignId) : LiveEvent;

public sealed record LeadLocked(Guid LeadId, Guid CampaignId, Guid UserId, string UserEmail) : LiveEvent;

public sealed record LeadUnlocked(Guid LeadId, Guid CampaignId) : LiveEvent;

/// <summary>Someone opened or left a lead (the lead page's <c>lead-presence</c> list).</summary>
public sealed record LeadPresenceChanged(Guid LeadId, Guid CampaignId) : LiveEvent;

public sealed record LeadsImported(Guid CampaignId, int Count) : LiveEvent;

/// <summary>
/// An import moved on (a batch committed, or its state changed): its pages refresh their figures. <paramref name="State"/>
/// is an <c>ImportState</c> name. <paramref name="CreatedById"/> is who started it, so "your import finished" reads only
/// the imports of the person it concerns, without a query for everyone else. Sent at most a few times a second per import.
/// </summary>
public sealed record ImportProgressed(Guid ImportId, Guid CampaignId, Guid CreatedById, long RowsRead, long Written, long Rejected, string State)
    : LiveEvent;

/// <summary>
/// Many leads of these campaigns changed at once (a bulk action, a clean-up, a merge): one event instead of one per lead,
/// which NOTIFY's payload limit could not carry anyway. Lists in those campaigns reload.
/// </summary>
public sealed record LeadsChanged(IReadOnlyList<Guid> CampaignIds) : LiveEvent
{
    /// <summary>By value, like every other event: the same campaigns in the same order (a list compares by reference).</summary>
    public bool Equals(LeadsChanged? other) => other is not null && CampaignIds.SequenceEqual(other.CampaignIds);

    public override int GetHashCode() => CampaignIds.Aggregate(17, (hash, id) => HashCode.Combine(hash, id));
}

/// <summary>A bulk operation run by a job moved on; <paramref name="State"/> is a <c>BulkOperationState</c> name.</summary>
public sealed record BulkOperationProgressed(Guid OperationId, Guid RequestedById, int Done, int Total, string State) : LiveEvent;

/// <summary>A duplicate scan finished: the duplicates page and flags reload.</summary>
public sealed record DuplicatesScanned(int Groups) : LiveEvent;

/// <summary>Saved views changed: <paramref name="OwnerId"/>'s own, or the shared ones (then everyone's chips reload).</summary>
public sealed record SavedViewsChanged(Guid OwnerId, bool Shared) : LiveEvent;

public sealed record ActivityLogged(Guid ActivityId, ActivityKind Kind, Guid? LeadId, Guid? CampaignId, Guid? UserId) : LiveEvent;

/// <summary>A task created, ticked off or back, or deleted: its assignee's lists and dashboard, and its lead's page and context panel.</summary>
public sealed record TaskChanged(Guid TaskId, Guid AssigneeId, Guid? LeadId = null) : LiveEvent;

/// <summary>
/// A goal of this subject (a BD, a campaign or an account) was set, changed or removed: progress rings reload.
/// <paramref name="AccountId"/> is the account the subject belongs to (a campaign's account, an account itself; null for a
/// person), so a viewer whose scope snapshot predates the campaign still finds it through its account, as
/// <see cref="CampaignChanged"/> allows.
/// </summary>
public sealed record GoalsChanged(Guid GoalId, Dashboard.Goals.GoalSubject SubjectKind, Guid SubjectId, Guid? AccountId) : LiveEvent;

/// <summary>
/// Someone's access changed: roles, assignments or active state of <paramref name="UserId"/>, or the permission
/// matrix for everyone when it is null. Open circuits of those users re-resolve their actor at once.
/// </summary>
public sealed record AccessChanged(Guid? UserId) : LiveEvent
{
    public bool Concerns(Guid userId) => UserId is null || UserId == userId;
}

/// <summary>
/// Raised locally (never sent through NOTIFY) when events may have been missed: the listener reconnected after
/// losing its connection, or a subscriber's queue overflowed. Subscribers reload what they show.
/// </summary>
public sealed record LiveEventsResynced : LiveEvent;
