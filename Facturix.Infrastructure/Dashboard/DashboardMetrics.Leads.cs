using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Infrastructure.Dashboard;

internal sealed partial class DashboardMetrics
{
    /// <summary>Leads per status category and per campaign status (backlog 2.1.3), for one campaign or every campaign in scope.</summary>
    public async Task<Funnel> FunnelAsync(Guid? campaignId, CancellationToken ct)
    {
        var filter = campaignId is not null ? "l.campaign_id = @campaign" : scope.Agency ? "TRUE" : "l.campaign_id = ANY(@campaigns)";
        var rows = await db.Database.SqlQueryRaw<FunnelRow>(Trusted($"""
            SELECT l.status AS status, l.campaign_status_id AS campaign_status_id, cs.label AS label, count(*)::int AS leads
            FROM leads l
            LEFT JOIN campaign_statuses cs ON cs.id = l.campaign_status_id
            WHERE {filter}
            GROUP BY l.status, l.campaign_status_id, cs.label
            """), new NpgsqlParameter("campaign", campaignId ?? Guid.Empty), new NpgsqlParameter("campaigns", scope.CampaignIds))
            .ToListAsync(ct);

        var categories = Enum.GetValues<StatusCategory>()
            .Select(category => new FunnelStep(category,
                rows.Where(r => Enum.Parse<LeadStatus>(r.Status).Category() == category).Sum(r => r.Leads)))
            .ToList();
        var statuses = rows.GroupBy(r => (r.CampaignStatusId, r.Label))
            .Select(g => new CampaignStatusCount(g.Key.CampaignStatusId, g.Key.Label, g.Sum(r => r.Leads)))
            .OrderByDescending(s => s.Leads).ThenBy(s => s.Label, StringComparer.Ordinal)
            .ToList();
        return new Funnel(campaignId, categories, statuses);
    }

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

    private sealed record FunnelRow(string Status, Guid? CampaignStatusId, string? Label, int Leads);

    private sealed record CohortRow(DateOnly WeekStart, int Leads, int Converted);
}
