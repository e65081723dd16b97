using Facturix.Domain.Leads;
using Facturix.Domain.Workspace;

namespace Facturix.Infrastructure.Workspace;

/// <summary>
/// The queue's SQL, mirroring <see cref="Facturix.Domain.Workspace.QueueRules"/> (the unit-tested definition). Get Next reads
/// one of two partial indexes of the WorkspaceQueueIndex migration (docs/decisions/0045): leads with a callback
/// (<c>ix_leads_queue_callbacks</c>) and leads without (<c>ix_leads_queue_fresh</c>), both over open statuses only and in
/// queue order, with the attempt count, the lease and the last contact as trailing keys so that capped, held and
/// not-yet-due leads are passed over inside the index, without visiting their rows: the plan stays one short index
/// scan as a campaign drains. The predicates below must stay textually implied by the indexes' (tests check the plan).
/// </summary>
internal static class WorkspaceQueueSql
{
    /// <summary>The closed statuses (won, lost, do not call) as a SQL list, from the Domain rule; the migration's predicate repeats it.</summary>
    public static readonly string ClosedStatuses = string.Join(", ",
        Enum.GetValues<LeadStatus>().Where(s => s.IsClosed()).Select(s => $"'{s}'"));

    public const string NoTime = "'-infinity'::timestamptz";

    /// <summary>The lead's local time, in its zone or the campaign's (<c>@zone</c>).</summary>
    private const string LocalTime = "(@now AT TIME ZONE coalesce(l.time_zone, @zone))::time";

    /// <summary>
    /// Inside the window (CallingHours.Contains), one predicate per shape chosen in C#, so a row costs no more than before:
    /// [start, end) by day; an end of 00:00 (24:00) only compares the start; all day compares nothing (decision 0077).
    /// </summary>
    public static string InHours(HoursShape shape) => shape switch
    {
        HoursShape.AllDay => "TRUE",
        HoursShape.UntilMidnight => $"({LocalTime} >= @start)",
        HoursShape.Within => $"({LocalTime} >= @start AND {LocalTime} < @end)",
        _ => $"({LocalTime} >= @start OR {LocalTime} < @end)",
    };

    /// <summary>Queue order among open leads: priority, score, the longest untouched (never called first), then age.</summary>
    public const string Order = $"l.priority DESC, l.score DESC, coalesce(l.last_contacted_at, {NoTime}), l.created_at, l.id";

    /// <summary>Free (no lease, or an expired one) and under the attempt cap: trailing keys of both queue indexes.</summary>
    private const string FreeUnderCap = $"l.call_attempts < @max AND coalesce(l.lock_expires_at, {NoTime}) <= @now";

    /// <summary>
    /// Get Next in one statement: the lead the actor still holds in the campaign; else the first due callback; else the first
    /// lead whose retry delay has passed. CTEs run lazily, so a branch runs only when the one before found nothing; each
    /// skips rows another transaction is locking right now (SKIP LOCKED) and the UPDATE writes the lease.
    /// </summary>
    public static string GetNext(HoursShape shape) => $"""
        WITH held AS (
            SELECT l.id FROM leads l
            WHERE l.campaign_id = @campaign AND l.locked_by_id = @user AND l.lock_expires_at > @now
            LIMIT 1
            FOR UPDATE
        ), callback AS (
            SELECT l.id FROM leads l
            WHERE l.campaign_id = @campaign AND l.next_call_at IS NOT NULL AND l.status NOT IN ({ClosedStatuses})
              AND l.next_call_at <= @now AND {FreeUnderCap} AND {InHours(shape)}
            ORDER BY {Order}
            LIMIT 1 FOR UPDATE OF l SKIP LOCKED
        ), fresh AS (
            SELECT l.id FROM leads l
            WHERE l.campaign_id = @campaign AND l.next_call_at IS NULL AND l.status NOT IN ({ClosedStatuses})
              AND coalesce(l.last_contacted_at, {NoTime}) <= @retry_before AND {FreeUnderCap} AND {InHours(shape)}
            ORDER BY {Order}
            LIMIT 1 FOR UPDATE OF l SKIP LOCKED
        ), picked AS (
            (SELECT id FROM held) UNION ALL (SELECT id FROM callback) UNION ALL (SELECT id FROM fresh) LIMIT 1
        )
        UPDATE leads l
        SET locked_by_id = @user,
            locked_at = CASE WHEN l.locked_by_id = @user AND l.lock_expires_at > @now THEN l.locked_at ELSE @now END,
            lock_expires_at = @expires
        FROM picked
        WHERE l.id = picked.id
        RETURNING l.id, l.account_id, l.first_name, l.last_name, l.company, l.job_title, l.phone, l.email, l.country,
            (SELECT s.label FROM campaign_statuses s WHERE s.id = l.campaign_status_id), l.status, l.score, l.call_attempts,
            l.last_contacted_at, l.next_call_at, l.lock_expires_at, coalesce(l.time_zone, @zone), l.xmin
        """;

    /// <summary>
    /// Why the queue is empty: counts over the campaign's open leads per zone, and per zone the earliest instant the lease
    /// and due rules hold (QueueRules.Check's "from"); the caller moves each to its zone's next calling hour.
    /// Runs only when Get Next found nothing.
    /// </summary>
    public static readonly string Diagnose = $"""
        SELECT coalesce(l.time_zone, @zone) AS zone,
            count(*) AS open,
            count(*) FILTER (WHERE l.call_attempts < @max) AS under_cap,
            count(*) FILTER (WHERE l.call_attempts < @max AND coalesce(l.lock_expires_at, {NoTime}) > @now) AS locked,
            count(*) FILTER (WHERE l.call_attempts < @max AND coalesce(l.lock_expires_at, {NoTime}) <= @now
                AND coalesce(l.next_call_at, l.last_contacted_at + @retry, {NoTime}) <= @now) AS due_free,
            min(greatest(coalesce(l.lock_expires_at, {NoTime}), coalesce(l.next_call_at, l.last_contacted_at + @retry, {NoTime})))
                FILTER (WHERE l.call_attempts < @max) AS earliest
        FROM leads l
        WHERE l.campaign_id = @campaign AND l.status NOT IN ({ClosedStatuses})
        GROUP BY 1
        """;

    /// <summary>
    /// Leads callable now in each campaign, counted up to the cap (the selector's figure stays cheap). The window is
    /// CallingHours.Contains per campaign row: an end of 00:00 is 24:00 (all day when the start is 00:00 too).
    /// </summary>
    public static string CountCallable => $"""
        SELECT c.id, (
            SELECT count(*) FROM (
                SELECT 1 FROM leads l
                WHERE l.campaign_id = c.id AND l.status NOT IN ({ClosedStatuses})
                  AND l.call_attempts < c.max_call_attempts AND coalesce(l.lock_expires_at, {NoTime}) <= @now
                  AND coalesce(l.next_call_at, l.last_contacted_at + make_interval(mins => c.retry_delay_minutes), {NoTime}) <= @now
                  AND CASE WHEN c.calling_hours_end = '00:00'
                      THEN (@now AT TIME ZONE coalesce(l.time_zone, c.time_zone))::time >= c.calling_hours_start
                    WHEN c.calling_hours_start <= c.calling_hours_end
                      THEN (@now AT TIME ZONE coalesce(l.time_zone, c.time_zone))::time >= c.calling_hours_start
                       AND (@now AT TIME ZONE coalesce(l.time_zone, c.time_zone))::time < c.calling_hours_end
                      ELSE (@now AT TIME ZONE coalesce(l.time_zone, c.time_zone))::time >= c.calling_hours_start
                        OR (@now AT TIME ZONE coalesce(l.time_zone, c.time_zone))::time < c.calling_hours_end END
                LIMIT @cap) AS callable)
        FROM campaigns c
        WHERE c.id = ANY(@ids)
        """;
}
