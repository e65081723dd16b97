using Facturix.Domain.Activities;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Dashboard;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// Which stamps each live event moves (docs/decisions/0063, 0064): only the pieces an event can change are read again.
/// </summary>
public sealed class DashboardFreshnessTests
{
    private readonly DashboardFreshness _freshness = new(TimeProvider.System);

    private long Of(string tag) => _freshness.LatestOf(tag).Sequence;

    [Fact]
    public void A_call_moves_its_campaign_and_its_caller_and_a_call_on_no_campaign_moves_the_empty_campaign()
    {
        var (campaign, other, caller) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        _freshness.Observe(new ActivityLogged(Guid.NewGuid(), ActivityKind.Call, null, campaign, caller));
        Assert.True(Of(DashboardFreshness.CampaignTag(campaign)) > 0);
        Assert.True(Of(DashboardFreshness.UserTag(caller)) > 0);
        Assert.Equal(0, Of(DashboardFreshness.CampaignTag(other)));
        Assert.Equal(0, Of(DashboardFreshness.TasksTag));
        Assert.Equal(0, Of(DashboardFreshness.GoalsTag));

        _freshness.Observe(new ActivityLogged(Guid.NewGuid(), ActivityKind.Email, null, null, caller));
        Assert.Equal(_freshness.Latest.Sequence, Of(DashboardFreshness.CampaignTag(Guid.Empty)));
    }

    [Fact]
    public void A_goal_moves_the_goals_and_a_task_the_tasks_not_the_campaigns_nor_the_access_generation()
    {
        var campaign = Guid.NewGuid();
        _freshness.Observe(new GoalsChanged(Guid.NewGuid(), GoalSubject.Campaign, campaign, null));
        _freshness.Observe(new TaskChanged(Guid.NewGuid(), Guid.NewGuid()));

        Assert.Equal(1, Of(DashboardFreshness.GoalsTag));
        Assert.Equal(2, Of(DashboardFreshness.TasksTag));
        Assert.Equal(0, Of(DashboardFreshness.CampaignTag(campaign)));
        Assert.Equal(0, _freshness.AccessGeneration);
    }

    [Fact]
    public void An_import_moves_its_campaign_only()
    {
        var (campaign, other) = (Guid.NewGuid(), Guid.NewGuid());

        _freshness.Observe(new LeadsImported(campaign, 500));

        Assert.Equal(1, Of(DashboardFreshness.CampaignTag(campaign)));
        Assert.Equal(0, Of(DashboardFreshness.CampaignTag(other)));
        Assert.Equal(0, _freshness.AccessGeneration);
    }

    [Fact]
    public void A_change_of_access_or_a_resync_moves_every_tag()
    {
        var campaign = Guid.NewGuid();
        _freshness.Observe(new ActivityLogged(Guid.NewGuid(), ActivityKind.Call, null, campaign, null));

        _freshness.Observe(new LiveEventsResynced());

        Assert.Equal(2, _freshness.AccessGeneration);
        Assert.All(new[] { DashboardFreshness.CampaignTag(campaign), DashboardFreshness.CampaignTag(Guid.NewGuid()), DashboardFreshness.GoalsTag },
            tag => Assert.Equal(2, Of(tag)));
    }
}
