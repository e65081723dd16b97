using Facturix.Domain.Dashboard;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Infrastructure.Dashboard;

/// <summary>
/// The figures of one dashboard, each one SQL statement over the <c>activity_daily</c> rollup (docs/decisions/0062) or
/// the small tables, filtered to one <see cref="DashboardScope"/> and, for "mine", one user. Split by figure:
/// activity KPIs and trend here, BD tiles in <c>DashboardMetrics.Bds.cs</c>, funnel and cohorts in
/// <c>DashboardMetrics.Leads.cs</c>.
/// </summary>
internal sealed partial class DashboardMetrics(FacturixDb db, DashboardScope scope, Guid? mineOf)
{
    /// <summary>The rollup rows this dashboard counts: "team" is every user's rows on the campaigns in scope (all rows for the agency); "mine" only the viewer's.</summary>
    private string RollupFilter(string alias)
    {
        var filter = scope.Agency ? "" : $" AND {alias}.campaign_id = ANY(@campaigns)";
        return mineOf is null ? filter : filter + $" AND {alias}.user_id = @mine";
    }

    /// <summary>
    /// SQL assembled only from constants and the filters above (never from input: values go in parameters); the
    /// local variable tells EF's injection analyzer so.
    /// </summary>
    private static string Trusted(string sql) => sql;

    private NpgsqlParameter[] Parameters(params NpgsqlParameter[] more) =>
    [
        new("campaigns", scope.CampaignIds),
        new("mine", mineOf ?? Guid.Empty),
        .. more,
    ];

    public async Task<ActivityKpis> ActivityAsync(DayRange period, CancellationToken ct)
    {
        var previous = period.Previous;
        // Columns in snake_case: the naming convention maps them onto the row type. Materialised as written (ToListAsync).
        var row = (await db.Database.SqlQueryRaw<ActivityRow>(Trusted($"""
            SELECT COALESCE(SUM(d.calls) FILTER (WHERE d.day >= @from), 0)::bigint AS calls,
                   COALESCE(SUM(d.contacts) FILTER (WHERE d.day >= @from), 0)::bigint AS contacts,
                   COALESCE(SUM(d.meetings) FILTER (WHERE d.day >= @from), 0)::bigint AS meetings,
                   COALESCE(SUM(d.emails_sent) FILTER (WHERE d.day >= @from), 0)::bigint AS emails,
                   COALESCE(SUM(d.calls) FILTER (WHERE d.day < @from), 0)::bigint AS previous_calls,
                   COALESCE(SUM(d.contacts) FILTER (WHERE d.day < @from), 0)::bigint AS previous_contacts,
                   COALESCE(SUM(d.meetings) FILTER (WHERE d.day < @from), 0)::bigint AS previous_meetings,
                   COALESCE(SUM(d.emails_sent) FILTER (WHERE d.day < @from), 0)::bigint AS previous_emails
            FROM activity_daily d
            WHERE d.day BETWEEN @previous_from AND @to{RollupFilter("d")}
            """), Parameters(new("from", period.From), new("to", period.To), new("previous_from", previous.From)))
            .ToListAsync(ct)).Single();
        return new ActivityKpis(
            new MetricChange(row.Calls, row.PreviousCalls), new MetricChange(row.Contacts, row.PreviousContacts),
            new MetricChange(row.Meetings, row.PreviousMeetings), new MetricChange(row.Emails, row.PreviousEmails));
    }

    /// <summary>Calls and emails per day over <paramref name="days"/>, every day present (zero when nothing happened).</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(DayRange days, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<TrendRow>(Trusted($"""
            SELECT d.day AS day, SUM(d.calls)::int AS calls, SUM(d.emails_sent)::int AS emails
            FROM activity_daily d
            WHERE d.day BETWEEN @from AND @to{RollupFilter("d")}
            GROUP BY d.day
            """), Parameters(new("from", days.From), new("to", days.To))).ToListAsync(ct);
        var byDay = rows.ToDictionary(r => r.Day);
        return Enumerable.Range(0, days.Days).Select(i => days.From.AddDays(i))
            .Select(day => byDay.TryGetValue(day, out var r) ? new TrendPoint(day, r.Calls, r.Emails) : new TrendPoint(day, 0, 0))
            .ToList();
    }

    private sealed record ActivityRow(
        long Calls, long Contacts, long Meetings, long Emails,
        long PreviousCalls, long PreviousContacts, long PreviousMeetings, long PreviousEmails);

    private sealed record TrendRow(DateOnly Day, int Calls, int Emails);
}
