using Facturix.Domain.Dashboard;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Infrastructure.Dashboard;

internal sealed partial class DashboardMetrics
{
    public const int SparklineDays = 14;

    /// <summary>
    /// One tile per BD (backlog 2.1.2): their rollup rows on the campaigns in scope over the period and the last
    /// <see cref="SparklineDays"/> days (one statement), and tasks they completed in the period (one more).
    /// </summary>
    public async Task<IReadOnlyList<BdTile>> BdTilesAsync(IReadOnlyList<DashboardBd> bds, DayRange period, DateOnly today, CancellationToken ct)
    {
        if (bds.Count == 0) return [];
        var users = bds.Select(b => b.UserId).ToArray();
        var spark = new DayRange(today.AddDays(1 - SparklineDays), today);
        var campaignFilter = scope.Agency ? "" : " AND d.campaign_id = ANY(@campaigns)";
        var days = await db.Database.SqlQueryRaw<BdDayRow>(Trusted($"""
            SELECT d.user_id AS user_id, d.day AS day, SUM(d.calls)::int AS calls, SUM(d.contacts)::int AS contacts,
                   SUM(d.emails_sent)::int AS emails, SUM(d.meetings)::int AS meetings
            FROM activity_daily d
            WHERE d.user_id = ANY(@users) AND (d.day BETWEEN @from AND @to OR d.day BETWEEN @spark_from AND @spark_to){campaignFilter}
            GROUP BY d.user_id, d.day
            """),
            new NpgsqlParameter("users", users), new NpgsqlParameter("campaigns", scope.CampaignIds),
            new NpgsqlParameter("from", period.From), new NpgsqlParameter("to", period.To),
            new NpgsqlParameter("spark_from", spark.From), new NpgsqlParameter("spark_to", spark.To)).ToListAsync(ct);
        var tasks = await db.Database.SqlQueryRaw<TasksDoneRow>("""
            SELECT t.assignee_id AS user_id, count(*)::int AS done
            FROM tasks t
            WHERE t.assignee_id = ANY(@users) AND t.completed_at >= @start AND t.completed_at < @end
            GROUP BY t.assignee_id
            """,
            new NpgsqlParameter("users", users), new NpgsqlParameter("start", AgencyDays.StartOf(period.From).ToUniversalTime()),
            new NpgsqlParameter("end", AgencyDays.StartOf(period.To.AddDays(1)).ToUniversalTime())).ToListAsync(ct);

        var byUser = days.ToLookup(d => d.UserId);
        var done = tasks.ToDictionary(t => t.UserId, t => t.Done);
        return bds.Select(bd =>
        {
            var rows = byUser[bd.UserId].ToList();
            var inPeriod = rows.Where(r => period.Contains(r.Day)).ToList();
            var calls = rows.Where(r => spark.Contains(r.Day)).ToDictionary(r => r.Day, r => r.Calls);
            return new BdTile(
                bd.UserId, bd.Email, bd.DisplayName,
                inPeriod.Sum(r => r.Calls), inPeriod.Sum(r => r.Contacts), inPeriod.Sum(r => r.Emails),
                done.GetValueOrDefault(bd.UserId), inPeriod.Sum(r => r.Meetings),
                Enumerable.Range(0, SparklineDays).Select(i => calls.GetValueOrDefault(spark.From.AddDays(i))).ToList());
        }).ToList();
    }

    private sealed record BdDayRow(Guid UserId, DateOnly Day, int Calls, int Contacts, int Emails, int Meetings);

    private sealed record TasksDoneRow(Guid UserId, int Done);
}
