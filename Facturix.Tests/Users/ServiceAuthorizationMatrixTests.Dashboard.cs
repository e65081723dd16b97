using Facturix.Domain.Dashboard;
using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>The dashboard rows of the matrix: the KPIs, and (issue 16) overview, cohorts and the remembered dashboard choices.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> DashboardOperations() => new()
    {
        ["IDashboardService.GetKpisAsync"] = (async (w, a) =>
            (await w.Get<IDashboardService>().GetKpisAsync(a)).Leads == 1, ThoseWhoSeeTheLead),
        // Everyone active sees their own figures; team figures need Analytics.Team (BDs are refused, not just hidden).
        ["IDashboardService.GetOverviewAsync"] = (async (w, a) =>
            (await w.Get<IDashboardService>().GetOverviewAsync(a, DashboardQuery.Default)).Bds.Single().UserId == a.UserId, ActiveStaff),
        ["IDashboardService.GetOverviewAsync team"] = (async (w, a) =>
            (await w.Get<IDashboardService>().GetOverviewAsync(a, new DashboardQuery(MetricsScope.Team, DashboardPeriod.Default)))
                .Scope == MetricsScope.Team, [Who.Admin, Who.ManagerInScope, Who.ManagerOutOfScope]),
        // Cohorts of the world's campaign (one lead): a campaign out of scope is not found.
        ["IDashboardService.GetCohortsAsync"] = (async (w, a) =>
            (await w.Get<IDashboardService>().GetCohortsAsync(a, w.Campaign.Id)).Sum(c => c.Leads) == 1, ThoseWhoSeeTheLead),
        ["IUserPreferencesService.GetDashboardAsync"] = (async (w, a) =>
            (await w.Get<IUserPreferencesService>().GetDashboardAsync(a)) == DashboardPreferences.DefaultFor(a), ActiveStaff),
        ["IUserPreferencesService.SetDashboardAsync"] = (async (w, a) =>
        {
            var chosen = new DashboardPreferences(MetricsScope.Mine, new DashboardPeriod(PeriodKind.Last30Days));
            await w.Get<IUserPreferencesService>().SetDashboardAsync(a, chosen);
            return await w.Get<IUserPreferencesService>().GetDashboardAsync(a) == chosen;
        }, ActiveStaff),
        ["IUserPreferencesService.SetDashboardAsync team"] = (async (w, a) =>
        {
            var chosen = new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default);
            await w.Get<IUserPreferencesService>().SetDashboardAsync(a, chosen);
            return (await w.Get<IUserPreferencesService>().GetDashboardAsync(a)).Scope == MetricsScope.Team;
        }, [Who.Admin, Who.ManagerInScope, Who.ManagerOutOfScope]),
    };
}
