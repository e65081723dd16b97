using Facturix.Domain.Activities;
using Facturix.Infrastructure.Workspace;

namespace Facturix.Infrastructure.Dashboard.Pieces;

/// <summary>The statements that load <see cref="DashboardPieces"/>, each for a batch of keys (columns in snake_case for SqlQueryRaw).</summary>
internal static class PieceSql
{
    /// <summary>Rollup rows are unique per (day, campaign, user): read as they are, through the (campaign_id, day) index.</summary>
    public const string CampaignActivity = """
        SELECT d.campaign_id, d.user_id, d.day, d.calls, d.contacts, d.meetings, d.emails_sent, d.conversions
        FROM activity_daily d
        WHERE d.campaign_id = ANY(@ids) AND d.day BETWEEN @from AND @to
        """;

    /// <summary>
    /// Open leads under the attempt cap of campaign <c>c</c>, written so the two partial indexes of Get Next's queue
    /// (<c>ix_leads_queue_fresh</c> and <c>ix_leads_queue_callbacks</c>, docs/decisions/0045) can serve it: they hold
    /// exactly the open leads, with the attempt count as a key, so each count is an index-only scan of one campaign's
    /// slice. The predicates repeat the indexes' textually, or the planner could not use them; a plan test checks it.
    /// </summary>
    public static readonly string Callable = $"""
        (SELECT count(*) FROM leads l
         WHERE l.campaign_id = c.id AND l.next_call_at IS NULL AND l.status NOT IN ({WorkspaceQueueSql.ClosedStatuses})
           AND l.call_attempts < c.max_call_attempts)::int
        + (SELECT count(*) FROM leads l
         WHERE l.campaign_id = c.id AND l.next_call_at IS NOT NULL AND l.status NOT IN ({WorkspaceQueueSql.ClosedStatuses})
           AND l.call_attempts < c.max_call_attempts)::int
        """;

    /// <summary>The callable count alone, for the plan test.</summary>
    public static readonly string CallableOnly = $"SELECT c.id, {Callable} FROM campaigns c WHERE c.id = ANY(@ids)";

    /// <summary>
    /// Per campaign: its list figures for the at-risk rules, then one row per (stage, campaign status) of its leads
    /// (none when it has no lead). Leads worked are distinct (lead, agency day) pairs with a call over the recent window,
    /// through the (campaign_id, occurred_at) index of <c>activities</c>: a lead called twice a day is one lead used up.
    /// The last active day is a backward scan of the rollup's (campaign_id, day) index, however long ago it was.
    /// <c>health</c> is MATERIALIZED: inlined, its sub-selects ran once per funnel row of the join, not once per campaign.
    /// The funnel reads <c>ix_leads_campaign_status</c>, which carries the campaign status, index-only, and groups before
    /// it joins the labels.
    /// </summary>
    public static readonly string CampaignLeads = $"""
        WITH health AS MATERIALIZED (
            SELECT c.id AS campaign_id,
                {Callable} AS callable,
                (SELECT count(*) FROM (SELECT DISTINCT a.lead_id, {ActivityDailySql.Day}
                                       FROM activities a
                                       WHERE a.campaign_id = c.id AND a.occurred_at >= @worked_from AND a.occurred_at < @worked_to
                                         AND a.kind = '{nameof(ActivityKind.Call)}' AND a.lead_id IS NOT NULL) w)::int AS leads_worked,
                (SELECT d.day FROM activity_daily d
                 WHERE d.campaign_id = c.id AND d.day <= @today AND d.calls + d.emails_sent + d.conversions > 0
                 ORDER BY d.day DESC LIMIT 1) AS last_day
            FROM campaigns c
            WHERE c.id = ANY(@ids)
        ), funnel AS (
            SELECT l.campaign_id, l.status, l.campaign_status_id, count(*)::int AS leads
            FROM leads l
            WHERE l.campaign_id = ANY(@ids)
            GROUP BY l.campaign_id, l.status, l.campaign_status_id
        )
        SELECT h.campaign_id, h.callable, h.leads_worked, h.last_day, f.status, f.campaign_status_id, cs.label, f.leads
        FROM health h
        LEFT JOIN funnel f ON f.campaign_id = h.campaign_id
        LEFT JOIN campaign_statuses cs ON cs.id = f.campaign_status_id
        """;

    /// <summary>Tasks completed per assignee and agency day in [@start, @end).</summary>
    public static readonly string TasksDone = $"""
        SELECT t.assignee_id AS user_id, (t.completed_at AT TIME ZONE '{Domain.Dashboard.AgencyDays.TimeZoneId}')::date AS day, count(*)::int AS done
        FROM tasks t
        WHERE t.completed_at >= @start AND t.completed_at < @end AND t.assignee_id IS NOT NULL
        GROUP BY 1, 2
        """;
}
