using System.Collections.Concurrent;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.LiveEvents;

namespace Facturix.Infrastructure.Dashboard;

/// <summary>
/// What changed since when, for the dashboard cache (docs/decisions/0063). Every live event that can move a figure
/// bumps one sequence and stamps the tags it concerns (a campaign, a user, or everything); a cached overview's key
/// carries the highest stamp of the tags its scope depends on, so after a change the next read misses and recomputes.
/// It is an <see cref="ILiveEventObserver"/>: the bus calls it before any page's subscription sees the event, so a
/// dashboard reloading on that same event can never read the entry from before it.
/// Entries are not evicted here: an entry under an old stamp is never asked for again and expires on its own.
/// (HybridCache's tag eviction compares its clock's timestamps, so an entry written in the same tick as an eviction
/// would be dropped too; a key that moves on needs no clock.) Entries still carry tags, to clear them by hand.
/// </summary>
internal sealed class DashboardFreshness(TimeProvider clock) : ILiveEventObserver
{
    /// <summary>Tag of every cached dashboard figure (to clear them all by hand, e.g. between tests).</summary>
    public const string AllTag = "dashboard";

    /// <summary>This process, in an entry's stamp: sequences are only comparable within one instance.</summary>
    public static readonly Guid InstanceId = Guid.NewGuid();

    private readonly ConcurrentDictionary<string, Stamp> _changes = new(StringComparer.Ordinal);
    private long _sequence;
    private Stamp _last = new(0, DateTimeOffset.MinValue);
    private Stamp _access = new(0, DateTimeOffset.MinValue);

    public static string CampaignTag(Guid campaignId) => $"dashboard:campaign:{campaignId:N}";

    public static string UserTag(Guid userId) => $"dashboard:user:{userId:N}";

    /// <summary>Tag of any goal's change: the current goals and who sees them are agency-wide pieces.</summary>
    public const string GoalsTag = "dashboard:goals";

    /// <summary>Tag of any task's change: tasks done are one agency-wide piece (docs/decisions/0064).</summary>
    public const string TasksTag = "dashboard:tasks";

    /// <summary>Last change of access, assignments, campaigns or accounts (or a resync): scopes resolved before it are stale.</summary>
    public long AccessGeneration => Volatile.Read(ref _access).Sequence;

    /// <summary>Raised after the stamps moved (still on the bus's thread): for tests and pages that want the signal itself.</summary>
    public event Action? Changed;

    public void Observe(LiveEvent liveEvent)
    {
        switch (liveEvent)
        {
            case ActivityLogged a:
                // Work on no campaign is the rollup's Guid.Empty campaign (docs/decisions/0062).
                Touch([CampaignTag(a.CampaignId ?? Guid.Empty), a.UserId is { } u ? UserTag(u) : null]);
                break;
            case LeadUpdated l:
                Touch([CampaignTag(l.CampaignId)]);
                break;
            case LeadsImported i:
                Touch([CampaignTag(i.CampaignId)]);
                break;
            case LeadsChanged many:
                Touch(many.CampaignIds.Select(CampaignTag).ToArray());
                break;
            // Goals are pieces of their own (decision 0064): a goal saved moves the goal rings, not every cached figure.
            case GoalsChanged:
                Touch([GoalsTag]);
                break;
            case TaskChanged t:
                Touch([TasksTag, UserTag(t.AssigneeId)]);
                break;
            // Frequent events that move no figure: locks, presence, progress bars, duplicate flags, saved views.
            case LeadLocked or LeadUnlocked or LeadPresenceChanged or ImportProgressed or BulkOperationProgressed
                or DuplicatesScanned or SavedViewsChanged:
                break;
            // Access, campaigns, accounts, a resync, and any event this code does not know yet: everything.
            default:
                TouchEverything();
                break;
        }
    }

    /// <summary>The highest stamp among <paramref name="tags"/> and the changes that concern every scope.</summary>
    public Stamp LatestOf(IEnumerable<string> tags)
    {
        var latest = Volatile.Read(ref _access);
        foreach (var tag in tags)
            if (_changes.TryGetValue(tag, out var stamp) && stamp.Sequence > latest.Sequence)
                latest = stamp;
        return latest;
    }

    /// <summary>The stamp of one tag, or of the last change that concerns every scope if later.</summary>
    public Stamp LatestOf(string tag)
    {
        var latest = Volatile.Read(ref _access);
        return _changes.TryGetValue(tag, out var stamp) && stamp.Sequence > latest.Sequence ? stamp : latest;
    }

    /// <summary>The latest change of any kind: what a scope that covers the whole agency depends on.</summary>
    public Stamp Latest => Volatile.Read(ref _last);

    private void Touch(string?[] tags)
    {
        var stamp = Next();
        foreach (var tag in tags)
            if (tag is not null)
                _changes[tag] = stamp;
        Changed?.Invoke();
    }

    private void TouchEverything()
    {
        var stamp = Next();
        Volatile.Write(ref _access, stamp);
        Changed?.Invoke();
    }

    /// <summary>Tag of the entries that depend on every change (scopes covering the whole agency).</summary>
    public const string AgencyTag = "dashboard:agency";

    private Stamp Next()
    {
        var stamp = new Stamp(Interlocked.Increment(ref _sequence), clock.GetUtcNow());
        Volatile.Write(ref _last, stamp);
        return stamp;
    }

    /// <summary>One change: its place in this instance's order, and when this instance heard of it.</summary>
    public sealed record Stamp(long Sequence, DateTimeOffset At);
}
