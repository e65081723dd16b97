using Facturix.Domain.Users;

namespace Facturix.Domain.Dashboard;

public interface IDashboardService
{
    /// <summary>KPIs over what <paramref name="actor"/> may see: the whole agency for admins and managers, assigned campaigns for a BD.</summary>
    Task<KpiSnapshot> GetKpisAsync(Actor actor, CancellationToken ct = default);

    /// <summary>
    /// The whole dashboard for <paramref name="query"/>: tiles with their change, per-BD tiles, funnel, trends, at-risk
    /// campaigns and goals. <see cref="MetricsScope.Team"/> needs <see cref="Capability.AnalyticsTeam"/>.
    /// Served from a cache shared by every circuit and invalidated by live events (backlog 2.7.4).
    /// </summary>
    Task<DashboardOverview> GetOverviewAsync(Actor actor, DashboardQuery query, CancellationToken ct = default);

    /// <summary>Conversion by the week leads entered <paramref name="campaignId"/> (backlog 2.3.7), newest week last.</summary>
    Task<IReadOnlyList<CohortWeek>> GetCohortsAsync(Actor actor, Guid campaignId, CancellationToken ct = default);
}
