using Facturix.Domain.Dashboard;
using Facturix.Domain.Users;

namespace Facturix.Tests.Dashboard;

/// <summary>Where a dashboard opens before its viewer has chosen: the team for whoever may see it, one's own figures otherwise.</summary>
public sealed class DashboardPreferencesTests
{
    private static Actor As(string role) => Actor.WithDefaultCapabilities(Guid.NewGuid(), "someone@test.local", role);

    [Theory]
    [InlineData(Roles.Admin, MetricsScope.Team)]
    [InlineData(Roles.Manager, MetricsScope.Team)]
    [InlineData(Roles.BusinessDeveloper, MetricsScope.Mine)]
    public void The_first_view_is_the_team_for_those_who_may_see_it(string role, MetricsScope expected)
    {
        var start = DashboardPreferences.DefaultFor(As(role));

        Assert.Equal(expected, start.Scope);
        Assert.Equal(DashboardPeriod.Default, start.Period);
    }

    [Fact]
    public void A_deactivated_manager_starts_on_their_own_figures()
    {
        var deactivated = As(Roles.Manager) with { IsActive = false };

        Assert.Equal(MetricsScope.Mine, DashboardPreferences.DefaultFor(deactivated).Scope);
    }
}
