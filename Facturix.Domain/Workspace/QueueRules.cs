using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;

namespace Facturix.Domain.Workspace;

/// <summary>What keeps a lead out of the queue right now, in the order the rules are checked.</summary>
public enum QueueBlocker { None, Closed, CapReached, Locked, NotDue, OutsideHours }

/// <summary>Whether a lead is callable now, and if not, why and from when (null: never by waiting alone).</summary>
public sealed record Callability(QueueBlocker Blocker, DateTimeOffset? CallableAt)
{
    public bool IsCallable => Blocker == QueueBlocker.None;
}

/// <summary>
/// The queue's rules, one definition shared by Get Next's SQL (which mirrors them, see WorkspaceQueue) and the unit
/// tests. A lead is callable when its status is open (not won, lost or do-not-call), it has fewer attempts than the
/// campaign's cap, nobody holds an unexpired lease, it is due, and the lead's local time is inside the campaign's
/// calling hours. "Due": a callback time (<see cref="Lead.NextCallAt"/>) is reached; without one, the campaign's retry
/// delay has passed since the last attempt (<see cref="Lead.LastContactedAt"/>). A callback someone booked is an
/// appointment: it wins over the retry delay (docs/decisions/0046).
/// </summary>
public static class QueueRules
{
    /// <summary>Above this the selector says "1000+": counting a million callable leads on every load is not cheap.</summary>
    public const int CallableCountCap = 1000;

    /// <summary>The longest reason a BD may type when skipping a lead.</summary>
    public const int SkipReasonMaxLength = 500;

    /// <summary>The zone a lead's calling hours are read in: its own when known, else the campaign's.</summary>
    public static string ZoneOf(Lead lead, Campaign campaign) =>
        LeadTimeZones.IsKnown(lead.TimeZone) ? lead.TimeZone! : campaign.TimeZone;

    public static CallingHours HoursOf(Lead lead, Campaign campaign) =>
        new(campaign.CallingHoursStart, campaign.CallingHoursEnd, ZoneOf(lead, campaign));

    /// <summary>When the lead is due, ignoring locks and hours; null: due now (never called, no callback).</summary>
    public static DateTimeOffset? DueAt(Lead lead, Campaign campaign) =>
        lead.NextCallAt ?? lead.LastContactedAt?.AddMinutes(campaign.RetryDelayMinutes);

    /// <summary>Whether the actor (or anyone) can get <paramref name="lead"/> from the queue at <paramref name="now"/>, and if not, why and when.</summary>
    public static Callability Check(Lead lead, Campaign campaign, DateTimeOffset now)
    {
        if (lead.Status.IsClosed()) return new(QueueBlocker.Closed, null);
        if (lead.CallAttempts >= campaign.MaxCallAttempts) return new(QueueBlocker.CapReached, null);

        // The earliest instant every time-based rule holds: the lease is out and the lead is due...
        var from = now;
        if (lead.IsLockedAt(now) && lead.LockExpiresAt > from) from = lead.LockExpiresAt.Value;
        if (DueAt(lead, campaign) is { } due && due > from) from = due;
        // ...then the first calling hour from there, in the lead's zone.
        var callableAt = HoursOf(lead, campaign).NextOpen(from);

        if (lead.IsLockedAt(now)) return new(QueueBlocker.Locked, callableAt);
        if (from > now) return new(QueueBlocker.NotDue, callableAt);
        if (callableAt != now) return new(QueueBlocker.OutsideHours, callableAt);
        return new(QueueBlocker.None, now);
    }

    /// <summary>
    /// Why an empty queue is empty, from counts over the campaign's open leads: none left; every one at its attempt cap;
    /// some due and free but outside calling hours; the rest held by other BDs; otherwise waiting (retry delay or callback).
    /// </summary>
    public static QueueEmptyReason EmptyReason(int open, int underCap, int dueAndFree, int locked)
    {
        if (open == 0) return QueueEmptyReason.Empty;
        if (underCap == 0) return QueueEmptyReason.CapsReached;
        if (dueAndFree > 0) return QueueEmptyReason.OutsideHours;
        if (locked > 0) return QueueEmptyReason.AllLocked;
        return QueueEmptyReason.Empty;
    }
}
