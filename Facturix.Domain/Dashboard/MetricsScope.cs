namespace Facturix.Domain.Dashboard;

/// <summary>
/// Whose figures the dashboard shows (backlog 2.1.5): <see cref="Mine"/> is the viewer's own work;
/// <see cref="Team"/> is everyone's work on the accounts and campaigns in the viewer's scope, and needs
/// <see cref="Users.Capability.AnalyticsTeam"/> (BDs are refused it by the service, not only by the page).
/// </summary>
public enum MetricsScope
{
    Mine = 0,
    Team = 1,
}
