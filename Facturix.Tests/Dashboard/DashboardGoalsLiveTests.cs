using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// Goals set, changed or removed reload the dashboards whose scope holds the goal's campaign, account or person, and
/// only those: every open dashboard of the agency re-read its figures on any goal before.
/// </summary>
public sealed class DashboardGoalsLiveTests : DashboardPageTest
{
    private static readonly Guid AccountInScope = Guid.NewGuid();
    private static readonly BdTile BdInScope = DashboardSamples.Bd("bd1@facturix.local", 25, 2, 1);

    private async Task<(IRenderedComponent<DashboardPage> Page, int Queries)> ManagerDashboardAsync()
    {
        SignIn(Roles.Manager, scope: new ScopeSnapshot(false, new HashSet<Guid> { AccountInScope }, new HashSet<Guid> { CampaignA }));
        await Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default));
        Dashboard.Answer = q => DashboardSamples.Overview(q.Scope, calls: 40, bds: [BdInScope]);
        var page = RenderPage();
        return (page, Dashboard.Queries.Count);
    }

    [Fact]
    public async Task A_goal_on_another_teams_campaign_account_or_BD_leaves_the_dashboard_alone()
    {
        var (page, before) = await ManagerDashboardAsync();

        await LiveEvents.RaiseAsync(new GoalsChanged(Guid.NewGuid(), GoalSubject.Campaign, Guid.NewGuid(), Guid.NewGuid()));
        await LiveEvents.RaiseAsync(new GoalsChanged(Guid.NewGuid(), GoalSubject.Account, Guid.NewGuid(), null));
        await LiveEvents.RaiseAsync(new GoalsChanged(Guid.NewGuid(), GoalSubject.User, Guid.NewGuid(), null));
        Assert.Equal(before, Dashboard.Queries.Count); // as the dashboard's other tests: the double delivers before it returns

        // The same page still follows a goal in its scope (so the silence above is the filter, not a deaf page).
        Time.Advance(TimeSpan.FromSeconds(1));
        await LiveEvents.RaiseAsync(new GoalsChanged(Guid.NewGuid(), GoalSubject.Campaign, CampaignA, null));
        page.WaitForAssertion(() => Assert.Equal(before + 1, Dashboard.Queries.Count));
    }

    [Theory]
    [InlineData(GoalSubject.Campaign)]
    [InlineData(GoalSubject.Account)]
    [InlineData(GoalSubject.User)] // a BD on a campaign in scope (a tile)
    public async Task A_goal_in_scope_reloads_the_rings(GoalSubject kind)
    {
        var (page, before) = await ManagerDashboardAsync();
        var subject = kind switch
        {
            GoalSubject.Campaign => CampaignA,
            GoalSubject.Account => AccountInScope,
            _ => BdInScope.UserId,
        };

        await LiveEvents.RaiseAsync(new GoalsChanged(Guid.NewGuid(), kind, subject, kind == GoalSubject.Account ? subject : null));

        page.WaitForAssertion(() => Assert.Equal(before + 1, Dashboard.Queries.Count));
    }

    [Fact]
    public async Task A_goal_on_a_campaign_created_since_the_scope_was_read_reloads_through_its_account()
    {
        var (page, before) = await ManagerDashboardAsync();
        var newCampaign = Guid.NewGuid(); // under an account the manager holds, but not in the snapshot read before it existed

        await LiveEvents.RaiseAsync(new GoalsChanged(Guid.NewGuid(), GoalSubject.Campaign, newCampaign, AccountInScope));

        page.WaitForAssertion(() => Assert.Equal(before + 1, Dashboard.Queries.Count));
    }

    [Fact]
    public async Task A_BD_s_dashboard_follows_their_own_goal_not_a_colleagues()
    {
        SignIn(Roles.BusinessDeveloper, scope: new ScopeSnapshot(false, new HashSet<Guid>(), new HashSet<Guid> { CampaignA }));
        var page = RenderPage();
        var before = Dashboard.Queries.Count;

        await LiveEvents.RaiseAsync(new GoalsChanged(Guid.NewGuid(), GoalSubject.User, Guid.NewGuid(), null));
        Assert.Equal(before, Dashboard.Queries.Count);

        Time.Advance(TimeSpan.FromSeconds(1));
        await LiveEvents.RaiseAsync(new GoalsChanged(Guid.NewGuid(), GoalSubject.User, UserId, null));
        page.WaitForAssertion(() => Assert.Equal(before + 1, Dashboard.Queries.Count));
    }
}
