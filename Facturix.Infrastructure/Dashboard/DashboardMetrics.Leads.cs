using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Infrastructure.Dashboard;

internal sealed partial class DashboardMetrics
{
    /// <summary>Leads of <paramref name="campaignId"/> by the agency week (Monday) they were created, and how many are won (backlog 2.3.7).</summary>
    public static async Task<IReadOnlyList<CohortWeek>> CohortsAsync(Database.FacturixDb db, Guid campaignId, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<CohortRow>(Trusted($"""
            SELECT date_trunc('week', l.created_at AT TIME ZONE '{AgencyDays.TimeZoneId}')::date AS week_start,
                   count(*)::int AS leads,
                   count(*) FILTER (WHERE l.status IN ({WonStatuses}))::int AS converted
            FROM leads l
            WHERE l.campaign_id = @campaign
            GROUP BY 1
            ORDER BY 1
            """), new NpgsqlParameter("campaign", campaignId)).ToListAsync(ct))
        .Select(r => new CohortWeek(r.WeekStart, r.Leads, r.Converted)).ToList();

    /// <summary>The stages whose category is <see cref="StatusCategory.Won"/>, as a SQL list.</summary>
    private static readonly string WonStatuses = string.Join(", ",
        Enum.GetValues<LeadStatus>().Where(s => s.Category() == StatusCategory.Won).Select(s => $"'{s}'"));

    private sealed record CohortRow(DateOnly WeekStart, int Leads, int Converted);
}
