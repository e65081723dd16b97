using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Users;
using Facturix.Tests.Campaigns;
using Facturix.Tests.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// Each empty card offers one action fitting the viewer, decided with the capabilities the services behind it demand
/// (docs/decisions/0089): nothing a viewer would be refused, nothing where they cannot act. Empty cards said why and
/// offered nothing before; an ended campaign still active read as "no recent activity".
/// </summary>
public sealed class DashboardEmptyActionsTests : DashboardPageTest
{
    private IRenderedComponent<DashboardPage> EmptyDashboard(MetricsScope scope)
    {
        Preferences.SetDashboardAsync(Me, new DashboardPreferences(scope, DashboardPeriod.Default));
        Dashboard.Answer = q => DashboardSamples.Empty(q.Scope);
        return RenderPage();
    }

    /// <summary>The action hook's kind and where it goes, or null when the card offers none.</summary>
    private static (string? Kind, string? Href)? Action(IRenderedComponent<DashboardPage> page, string selector) =>
        page.FindAll(selector) is [var action] ? (action.GetAttribute("data-action"), action.GetAttribute("href")) : null;

    [Fact]
    public void A_manager_on_team_figures_is_offered_a_goal_BD_assignments_an_import_and_the_campaigns()
    {
        SignIn(Roles.Manager);

        var page = EmptyDashboard(MetricsScope.Team);

        Assert.Equal(("set-goal", null), Action(page, "[data-testid=goals-empty-action]"));
        Assert.Equal(("assign", "/campaigns"), Action(page, "[data-testid=bd-tiles-empty-action]"));
        Assert.Equal(("assign", "/campaigns"), Action(page, "[data-testid=trend-chart] [data-testid=chart-empty-action]"));
        Assert.Equal(("import", "/import"), Action(page, "[data-testid=funnel-chart] [data-testid=chart-empty-action]"));
        Assert.Equal(("campaigns", "/campaigns"), Action(page, "[data-testid=at-risk-empty-action]"));
    }

    [Fact]
    public void With_one_open_campaign_in_view_assigning_BDs_opens_its_assignments_tab()
    {
        SignIn(Roles.Manager);
        ((ListedCampaigns)Services.GetRequiredService<ICampaignService>()).Rows =
        [
            new CampaignRow(Guid.NewGuid(), "Bouclée", Guid.NewGuid(), "Logivia", CampaignState.Completed, null, null, 0, false),
            new CampaignRow(CampaignA, "Transporteurs", Guid.NewGuid(), "Logivia", CampaignState.Active, null, null, 0, false),
        ];

        var page = EmptyDashboard(MetricsScope.Team);

        var assignments = $"/campaigns/{CampaignA}?tab=assignments";
        page.WaitForAssertion(() => Assert.Equal(("assign", assignments), Action(page, "[data-testid=bd-tiles-empty-action]")));
        Assert.Equal(("assign", assignments), Action(page, "[data-testid=trend-chart] [data-testid=chart-empty-action]"));
    }

    [Fact]
    public void An_empty_goals_card_offers_one_way_to_set_a_goal_not_two()
    {
        SignIn(Roles.Manager);

        var page = EmptyDashboard(MetricsScope.Team);

        Assert.Equal(("set-goal", null), Action(page, "[data-testid=goals-empty-action]"));
        Assert.Empty(page.FindAll("[data-testid=goal-add]"));
    }

    [Fact]
    public void A_BD_with_nothing_yet_is_sent_to_their_workspace_and_offered_nothing_they_could_not_do()
    {
        SignIn(Roles.BusinessDeveloper);

        var page = EmptyDashboard(MetricsScope.Mine);

        Assert.Equal(("workspace", "/workspace"), Action(page, "[data-testid=trend-chart] [data-testid=chart-empty-action]"));
        // Still explained: the empty states are there, without a goal, an import or campaigns to review.
        Assert.NotNull(page.Find("[data-testid=goals-empty]"));
        Assert.NotNull(page.Find("[data-testid=at-risk-empty]"));
        Assert.Null(Action(page, "[data-testid=goals-empty-action]"));
        Assert.Null(Action(page, "[data-testid=funnel-chart] [data-testid=chart-empty-action]"));
        Assert.Null(Action(page, "[data-testid=at-risk-empty-action]"));
        Assert.Empty(page.FindAll("[data-testid=goal-add]"));
    }

    [Fact]
    public void A_manager_on_their_own_figures_is_sent_to_the_workspace_not_to_assignments()
    {
        SignIn(Roles.Manager);

        var page = EmptyDashboard(MetricsScope.Mine);

        Assert.Equal(("workspace", "/workspace"), Action(page, "[data-testid=trend-chart] [data-testid=chart-empty-action]"));
    }

    [Fact]
    public void Capabilities_decide_not_roles_a_manager_without_imports_or_assignments_is_not_offered_them()
    {
        SignIn(Roles.Manager);
        var me = Actor.WithDefaultCapabilities(UserId, "someone@facturix.local", Roles.Manager);
        Actors.Set(me with { Capabilities = me.Capabilities.Except([Capability.ImportsRun, Capability.CampaignsAssign]).ToHashSet() });

        var page = EmptyDashboard(MetricsScope.Team);

        Assert.Null(Action(page, "[data-testid=funnel-chart] [data-testid=chart-empty-action]"));
        Assert.Null(Action(page, "[data-testid=bd-tiles-empty-action]"));
        Assert.Null(Action(page, "[data-testid=trend-chart] [data-testid=chart-empty-action]"));
        Assert.Equal(("set-goal", null), Action(page, "[data-testid=goals-empty-action]"));
    }

    [Fact]
    public void The_funnel_of_one_campaign_imports_into_it_and_a_completed_or_archived_one_offers_no_import()
    {
        SignIn(Roles.Manager);
        var archived = Guid.NewGuid();
        var completed = Guid.NewGuid();
        ((ListedCampaigns)Services.GetRequiredService<ICampaignService>()).Rows =
        [
            new CampaignRow(completed, "Bouclée", Guid.NewGuid(), "Logivia", CampaignState.Completed, null, null, 0, false),
            new CampaignRow(CampaignA, "Transporteurs", Guid.NewGuid(), "Logivia", CampaignState.Active, null, null, 0, false),
            new CampaignRow(archived, "Ancienne", Guid.NewGuid(), "Logivia", CampaignState.Archived, null, null, 0, false),
        ];
        var page = EmptyDashboard(MetricsScope.Team);

        page.InvokeAsync(() => page.FindComponent<FunnelCard>().Instance.CampaignChanged.InvokeAsync(CampaignA));
        page.WaitForAssertion(() => Assert.Equal(("import", $"/import?campaign={CampaignA}"),
            Action(page, "[data-testid=funnel-chart] [data-testid=chart-empty-action]")));

        page.InvokeAsync(() => page.FindComponent<FunnelCard>().Instance.CampaignChanged.InvokeAsync(archived));
        page.WaitForAssertion(() => Assert.Null(Action(page, "[data-testid=funnel-chart] [data-testid=chart-empty-action]")));

        page.InvokeAsync(() => page.FindComponent<FunnelCard>().Instance.CampaignChanged.InvokeAsync(CampaignA));
        page.WaitForAssertion(() => Assert.NotNull(Action(page, "[data-testid=funnel-chart] [data-testid=chart-empty-action]")));
        page.InvokeAsync(() => page.FindComponent<FunnelCard>().Instance.CampaignChanged.InvokeAsync(completed));
        page.WaitForAssertion(() => Assert.Null(Action(page, "[data-testid=funnel-chart] [data-testid=chart-empty-action]")));
    }

    [Fact]
    public void Set_a_goal_opens_the_goal_dialog()
    {
        SignIn(Roles.Manager);
        Dashboard.Answer = q => DashboardSamples.Empty(q.Scope);
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());
        var setGoal = host.WaitForElement("[data-testid=goals-empty-action]");

        setGoal.Click();

        Assert.NotNull(host.WaitForElement("[data-testid=goal-dialog] [data-testid=goal-target]"));
    }

    [Theory]
    [InlineData(Roles.Manager, true)]
    [InlineData(Roles.BusinessDeveloper, false)] // cannot move a campaign's state
    public void An_ended_campaign_still_active_says_when_it_ended_and_who_may_complete_it_gets_the_link(string role, bool canClose)
    {
        SignIn(role);
        var ended = new AtRiskCampaign(CampaignA, "Transporteurs", "Logivia", [AtRiskReason.EndedStillActive],
            DashboardSamples.Today.AddDays(-10), null, null, 40, 0, null, DashboardSamples.Today.AddDays(-3));

        var panel = Render<TabHost>(p => p.AddChildContent<AtRiskPanel>(c => c
            .Add(x => x.Campaigns, [ended]).Add(x => x.Viewer, Actor.WithDefaultCapabilities(UserId, "someone@facturix.local", role))));

        var reason = panel.Find("[data-testid=at-risk-reason]");
        Assert.Equal("EndedStillActive", reason.GetAttribute("data-reason"));
        Assert.Equal("Terminée le 27/11/2026, toujours active", reason.TextContent.Trim());
        Assert.DoesNotContain("Aucune activité", panel.Find("[data-testid=at-risk-campaign]").TextContent);
        var close = panel.FindAll("[data-testid=at-risk-close]");
        Assert.Equal(canClose ? 1 : 0, close.Count);
        if (canClose) Assert.Equal($"/campaigns/{CampaignA}", close[0].GetAttribute("href"));
    }
}
