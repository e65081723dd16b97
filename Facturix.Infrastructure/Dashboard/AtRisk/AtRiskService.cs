using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard.Goals;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Infrastructure.Dashboard.AtRisk;

/// <summary>
/// At-risk campaigns (backlog 2.1.6): the active campaigns in the actor's scope, their <see cref="CampaignHealth"/> gathered
/// set-wise (one statement each for the campaigns, the rollup figures, the callable leads, the recent pace, the campaign
/// goals and their progress), judged by <see cref="AtRiskRules"/>; only flagged campaigns come back, the most severe first.
/// The daily pace is distinct leads called per agency day over the recent window, read from <c>activities</c> through its
/// (campaign_id, occurred_at) index: calls per day would count a lead called twice as two leads used up.
/// </summary>
internal sealed class AtRiskService(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : IAtRiskService
{
    private static readonly AtRiskSettings Settings = AtRiskSettings.Default;

    private sealed record CampaignRow(Guid Id, string Name, string AccountName, DateOnly? StartsOn, DateOnly? EndsOn, DateTimeOffset CreatedAt);

    private sealed record Activity(DateOnly? LastDay, int RecentCalls, int RecentContacts, int NormCalls, int NormContacts);

    public async Task<IReadOnlyList<AtRiskCampaign>> GetAtRiskAsync(Actor actor, CancellationToken ct = default)
    {
        actor.DemandActive();
        var today = AgencyDays.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var campaigns = await Scope.Campaigns(db, actor).AsNoTracking().Where(c => c.State == CampaignState.Active)
            .Select(c => new CampaignRow(c.Id, c.Name, db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.Name).First(),
                c.StartsOn, c.EndsOn, c.CreatedAt))
            .ToListAsync(ct);
        if (campaigns.Count == 0) return [];
        var ids = campaigns.Select(c => c.Id).ToArray();

        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var activity = await ReadActivityAsync(connection, ids, today, ct);
        var callable = await ReadCountsAsync(connection, CallableSql, ids, p => { }, ct);
        var recentFrom = today.AddDays(1 - Settings.RecentDays);
        var worked = await ReadCountsAsync(connection, LeadsWorkedSql, ids, p =>
        {
            p.AddWithValue("from", AgencyDays.StartOf(recentFrom).ToUniversalTime());
            p.AddWithValue("to", AgencyDays.StartOf(today.AddDays(1)).ToUniversalTime());
        }, ct);
        var goals = await CampaignGoalsAsync(db, ids, today, ct);

        var flagged = new List<(AtRiskCampaign Campaign, int Severity)>();
        foreach (var c in campaigns)
        {
            var a = activity.GetValueOrDefault(c.Id) ?? new Activity(null, 0, 0, 0, 0);
            var health = new CampaignHealth(c.Id, c.StartsOn ?? AgencyDays.DayOf(c.CreatedAt), c.EndsOn, a.LastDay,
                a.RecentCalls, a.RecentContacts, a.NormCalls, a.NormContacts, callable.GetValueOrDefault(c.Id), worked.GetValueOrDefault(c.Id),
                goals.GetValueOrDefault(c.Id) ?? []);
            var verdict = AtRiskRules.Evaluate(health, today, Settings);
            if (!verdict.IsAtRisk) continue;
            flagged.Add((new AtRiskCampaign(c.Id, c.Name, c.AccountName, verdict.Reasons, a.LastDay, verdict.RecentContactRate,
                verdict.NormContactRate, health.CallableLeadsLeft, verdict.DailyPace, verdict.ExhaustedOn, c.EndsOn), verdict.Severity));
        }
        return flagged
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Campaign.ExhaustedOn ?? DateOnly.MaxValue)
            .ThenBy(f => f.Campaign.CampaignName, StringComparer.CurrentCultureIgnoreCase)
            .Select(f => f.Campaign)
            .ToList();
    }

    /// <summary>
    /// From the rollup: the last day with a call, an email sent or a conversion (a backward scan of its (campaign_id, day)
    /// index), and calls and contacts over the recent window and the norm window just before it.
    /// </summary>
    private const string ActivitySql = """
        SELECT c.id,
            (SELECT d.day FROM activity_daily d
             WHERE d.campaign_id = c.id AND d.day <= @today AND d.calls + d.emails_sent + d.conversions > 0
             ORDER BY d.day DESC LIMIT 1) AS last_day,
            coalesce(sum(r.calls) FILTER (WHERE r.day >= @recent_from), 0)::int,
            coalesce(sum(r.contacts) FILTER (WHERE r.day >= @recent_from), 0)::int,
            coalesce(sum(r.calls) FILTER (WHERE r.day < @recent_from), 0)::int,
            coalesce(sum(r.contacts) FILTER (WHERE r.day < @recent_from), 0)::int
        FROM unnest(@ids) AS c(id)
        LEFT JOIN activity_daily r ON r.campaign_id = c.id AND r.day >= @norm_from AND r.day <= @today
        GROUP BY c.id
        """;

    /// <summary>
    /// Open leads under the attempt cap, written so the two partial indexes of Get Next's queue (<c>ix_leads_queue_fresh</c>
    /// and <c>ix_leads_queue_callbacks</c>, docs/decisions/0045) can serve it: they hold exactly the open leads, with the
    /// attempt count as a key, so each count can be an index-only scan of one campaign's slice. The predicates repeat the
    /// indexes' textually (<see cref="Workspace.WorkspaceQueueSql.ClosedStatuses"/>), or the planner could not use them; a plan
    /// test checks they can.
    /// </summary>
    internal static readonly string CallableSql = $"""
        SELECT c.id,
            (SELECT count(*) FROM leads l
             WHERE l.campaign_id = c.id AND l.next_call_at IS NULL AND l.status NOT IN ({Workspace.WorkspaceQueueSql.ClosedStatuses})
               AND l.call_attempts < c.max_call_attempts)::int
          + (SELECT count(*) FROM leads l
             WHERE l.campaign_id = c.id AND l.next_call_at IS NOT NULL AND l.status NOT IN ({Workspace.WorkspaceQueueSql.ClosedStatuses})
               AND l.call_attempts < c.max_call_attempts)::int
        FROM campaigns c
        WHERE c.id = ANY(@ids)
        """;

    /// <summary>Distinct (lead, agency day) pairs with a call in the window: each lead counted once a day however often it was dialled.</summary>
    private static readonly string LeadsWorkedSql = $"""
        SELECT w.campaign_id, count(*)::int
        FROM (SELECT DISTINCT a.campaign_id, a.lead_id, {ActivityDailySql.Day}
              FROM activities a
              WHERE a.campaign_id = ANY(@ids) AND a.occurred_at >= @from AND a.occurred_at < @to
                AND a.kind = '{nameof(ActivityKind.Call)}' AND a.lead_id IS NOT NULL) w
        GROUP BY w.campaign_id
        """;

    private static async Task<Dictionary<Guid, Activity>> ReadActivityAsync(NpgsqlConnection connection, Guid[] ids, DateOnly today, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ActivitySql, connection);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("today", today);
        command.Parameters.AddWithValue("recent_from", today.AddDays(1 - Settings.RecentDays));
        command.Parameters.AddWithValue("norm_from", today.AddDays(1 - Settings.RecentDays - Settings.NormDays));
        var result = new Dictionary<Guid, Activity>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[r.GetGuid(0)] = new Activity(r.IsDBNull(1) ? null : r.GetFieldValue<DateOnly>(1),
                r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5));
        return result;
    }

    private static async Task<Dictionary<Guid, int>> ReadCountsAsync(
        NpgsqlConnection connection, string sql, Guid[] ids, Action<NpgsqlParameterCollection> bind, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        bind(command.Parameters);
        var result = new Dictionary<Guid, int>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[r.GetGuid(0)] = r.GetInt32(1);
        return result;
    }

    /// <summary>The campaigns' goals whose period contains today, with what they achieved so far.</summary>
    private static async Task<Dictionary<Guid, List<CampaignGoalState>>> CampaignGoalsAsync(
        FacturixDb db, Guid[] ids, DateOnly today, CancellationToken ct)
    {
        var goals = await db.Goals.AsNoTracking()
            .Where(g => g.SubjectKind == GoalSubject.Campaign && ids.Contains(g.SubjectId))
            .Where(GoalService.Current(today))
            .ToListAsync(ct);
        var achieved = await GoalAchievement.ReadAsync(db, goals, today, ct);
        return goals.GroupBy(g => g.SubjectId).ToDictionary(
            group => group.Key,
            group => group.Select(g => new CampaignGoalState(g.Target, achieved[g.Id], GoalPeriods.Range(g.PeriodUnit, g.PeriodStart))).ToList());
    }
}
