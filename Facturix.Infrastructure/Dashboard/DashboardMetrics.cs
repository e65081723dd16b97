using Facturix.Domain.Dashboard;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Infrastructure.Dashboard;

/// <summary>
/// Dashboard figures read straight from the <c>activity_daily</c> rollup (docs/decisions/0062), filtered to one
/// <see cref="DashboardScope"/> and, for "mine", one user: the activity KPIs (here) and BD tiles (<c>DashboardMetrics.Bds.cs</c>)
/// of a custom period reaching back before the dashboard pieces' window (decision 0064), and the campaign page's
/// cohorts (<c>DashboardMetrics.Leads.cs</c>). Everything else is composed from <see cref="Pieces.DashboardPieces"/>.
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

    /// <summary>Comment on the activity KPI query, so tests can count how often one page load runs it.</summary>
    public const string ActivityQueryTag = "dashboard.activity";

    public async Task<ActivityKpis> ActivityAsync(DayRange period, CancellationToken ct)
    {
        var previous = period.Previous;
        // Columns in snake_case: the naming convention maps them onto the row type. Materialised as written (ToListAsync).
        var row = (await db.Database.SqlQueryRaw<ActivityRow>(Trusted($"""
            -- {ActivityQueryTag}
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

    private sealed record ActivityRow(
        long Calls, long Contacts, long Meetings, long Emails,
        long PreviousCalls, long PreviousContacts, long PreviousMeetings, long PreviousEmails);

}
