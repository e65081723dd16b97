using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Campaigns;
using Facturix.Tests.Import;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Dashboard;

/// <summary>The dashboard page over a scripted service: tiles, empty states, sorting, charts, live reloads (its choices: DashboardChoiceTests).</summary>
public sealed class DashboardPageTests : DashboardPageTest
{
    [Fact]
    public void Tiles_carry_their_raw_figures_and_the_change_against_the_previous_period()
    {
        SignIn(Roles.Manager);
        Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default));

        var page = RenderPage();

        Assert.Equal("200", Attr(page, "[data-testid=kpi-leads]", "data-value"));
        Assert.Equal("0.05", Attr(page, "[data-testid=kpi-conversion]", "data-value"));
        Assert.Equal("40", Attr(page, "[data-testid=kpi-calls]", "data-value"));
        Assert.Equal("20", Attr(page, "[data-testid=kpi-calls]", "data-previous"));
        Assert.Equal("1", Attr(page, "[data-testid=kpi-calls] [data-testid=kpi-change]", "data-value"));
        Assert.Contains("▲", page.Find("[data-testid=kpi-calls] [data-testid=kpi-change]").TextContent);
        Assert.Contains("▼", page.Find("[data-testid=kpi-contacts] [data-testid=kpi-change]").TextContent);
        Assert.Contains("fx-kpi-tile__change--down", page.Find("[data-testid=kpi-contacts] [data-testid=kpi-change]").ClassName);
        Assert.Equal("", Attr(page, "[data-testid=kpi-meetings] [data-testid=kpi-change]", "data-value")); // nothing before
        Assert.Equal("7", Attr(page, "[data-testid=kpi-emails-sent]", "data-value"));

        var tile = page.Find("[data-testid=bd-tile][data-user-email='bd2@facturix.local']");
        Assert.Equal("15", tile.GetAttribute("data-calls"));
        Assert.Equal("9", tile.GetAttribute("data-emails"));
        Assert.Equal("4", tile.GetAttribute("data-tasks"));
        Assert.Equal(14, tile.QuerySelector("[data-testid=bd-sparkline]")!.GetAttribute("data-values")!.Split(',').Length);
        // Each figure agrees with its count: bd1 did 1 task and reached no one ("1 tâches faites", "0 contacts" before).
        var bd1 = System.Text.RegularExpressions.Regex.Replace(page.Find("[data-testid=bd-tile][data-user-email='bd1@facturix.local']").TextContent, @"\s+", " ");
        Assert.All(["25 appels", "0 contact ", "2 e-mails", "1 tâche faite", "0 RDV"], figure => Assert.Contains(figure, bd1));

        var goal = page.Find("[data-testid=goal-progress]");
        Assert.Equal(DashboardSamples.GoalId.ToString(), goal.GetAttribute("data-goal-id"));
        Assert.Equal("60", goal.GetAttribute("data-value"));
        Assert.Equal("100", goal.GetAttribute("data-target"));
        Assert.Contains("40", goal.QuerySelector("[data-testid=goal-pace]")!.TextContent);

        var risk = page.Find("[data-testid=at-risk-campaign]");
        Assert.Equal(CampaignA.ToString(), risk.GetAttribute("data-campaign-id"));
        Assert.Equal($"/campaigns/{CampaignA}", risk.QuerySelector("a")!.GetAttribute("href"));
        var reasons = risk.QuerySelectorAll("[data-testid=at-risk-reason]").Select(r => r.TextContent).ToList();
        Assert.Contains(reasons, r => r.Contains("Aucune activité depuis le 25/11/2026"));
        Assert.Contains(reasons, r => r.Contains("Liste épuisée vers le 05/12/2026"));

        Assert.Equal("", Attr(page, "[data-testid=funnel-chart]", "data-campaign-id"));
        Assert.Equal("120", Attr(page, "[data-testid=funnel-step][data-category=New]", "data-value"));
        Assert.Equal(7, page.FindAll("[data-testid=trend-row]").Count);
    }

    [Fact]
    public void BD_tiles_sort_by_the_chosen_figure_and_a_tile_opens_that_BDs_days()
    {
        SignIn(Roles.Manager);
        Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default));
        var page = RenderPage();
        string[] Order() => page.FindAll("[data-testid=bd-tile]").Select(t => t.GetAttribute("data-user-email")!).ToArray();

        Assert.Equal(["bd1@facturix.local", "bd2@facturix.local"], Order()); // calls: 25, 15
        page.Find("[data-testid=bd-sort-emails]").Click();
        Assert.Equal(["bd2@facturix.local", "bd1@facturix.local"], Order()); // emails: 9, 2
        Assert.Equal("true", Attr(page, "[data-testid=bd-sort-emails]", "aria-pressed"));
        page.Find("[data-testid=bd-sort-calls]").Click();
        Assert.Equal(["bd1@facturix.local", "bd2@facturix.local"], Order());

        page.Find("[data-testid=bd-tile][data-user-email='bd2@facturix.local']").Click();

        Assert.Equal("bd2@facturix.local", Attr(page, "[data-testid=bd-activity]", "data-user-email"));
        Assert.Equal(14, page.FindAll("[data-testid=bd-activity-day]").Count);
        Assert.Equal("2026-11-30", page.FindAll("[data-testid=bd-activity-day]")[0].GetAttribute("data-day"));
        Assert.Equal("true", Attr(page, "[data-testid=bd-tile][data-user-email='bd2@facturix.local']", "aria-expanded"));
    }

    [Fact]
    public void Empty_figures_show_one_clear_empty_state_per_card()
    {
        SignIn(Roles.Manager);
        Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default));
        Dashboard.Answer = q => DashboardSamples.Empty(q.Scope);

        var page = RenderPage();

        Assert.NotNull(page.Find("[data-testid=bd-tiles-empty]"));
        Assert.NotNull(page.Find("[data-testid=funnel-chart] [data-testid=chart-empty]"));
        Assert.NotNull(page.Find("[data-testid=trend-chart] [data-testid=chart-empty]"));
        Assert.NotNull(page.Find("[data-testid=at-risk-empty]"));
        Assert.NotNull(page.Find("[data-testid=goals-empty]"));
        Assert.Empty(page.FindAll("[data-testid=bd-tile]"));
        Assert.Equal("0", Attr(page, "[data-testid=kpi-calls]", "data-value"));
    }

    [Fact]
    public void Skeletons_hold_the_layout_until_the_figures_arrive()
    {
        SignIn(Roles.Manager);
        var pending = Dashboard.NextResult();

        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());
        var page = host.FindComponent<DashboardPage>();

        Assert.Equal("", Attr(page, "[data-testid=kpi-calls]", "data-value"));
        Assert.NotEmpty(page.FindAll("[data-testid=kpi-calls] .mud-skeleton"));
        Assert.NotNull(page.Find("[data-testid=trend-chart] [data-testid=chart-loading]"));
        Assert.NotEmpty(page.FindAll("[data-testid=at-risk-panel] .mud-skeleton"));

        pending.SetResult(DashboardSamples.Overview(MetricsScope.Mine));

        page.WaitForAssertion(() => Assert.Equal("3", Attr(page, "[data-testid=kpi-calls]", "data-value")));
        Assert.Empty(page.FindAll("[data-testid=chart-loading]"));
    }

    [Fact]
    public void Every_chart_has_a_table_behind_it_and_the_table_toggle_shows_it()
    {
        SignIn(Roles.Manager);
        var page = RenderPage();

        var trendTable = page.Find("[data-testid=trend-chart] [data-testid=chart-table]");
        Assert.Contains("fx-visually-hidden", trendTable.ClassName);
        Assert.NotNull(page.Find("[data-testid=funnel-chart] [data-testid=chart-table] table"));

        page.Find("[data-testid=trend-chart] [data-testid=chart-table-toggle]").Click();

        Assert.DoesNotContain("fx-visually-hidden", page.Find("[data-testid=trend-chart] [data-testid=chart-table]").ClassName);
        Assert.Equal("true", Attr(page, "[data-testid=trend-chart] [data-testid=chart-table-toggle]", "aria-pressed"));
        page.Find("[data-testid=trend-days-30]").Click();
        Assert.Equal(30, page.FindAll("[data-testid=trend-row]").Count);
    }

    [Fact]
    public async Task A_call_logged_on_a_campaign_in_scope_reloads_the_team_figures_and_one_elsewhere_does_not()
    {
        SignIn(Roles.Manager, scope: new ScopeSnapshot(false, new HashSet<Guid>(), new HashSet<Guid> { CampaignA }));
        await Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default));
        var page = RenderPage();
        var before = Dashboard.Queries.Count;

        await LiveEvents.RaiseAsync(new ActivityLogged(Guid.NewGuid(), Domain.Activities.ActivityKind.Call, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()));
        Assert.Equal(before, Dashboard.Queries.Count);

        Dashboard.Answer = q => DashboardSamples.Overview(q.Scope, calls: 41, bds: [DashboardSamples.Bd("bd1@facturix.local", 26, 2, 1)]);
        await LiveEvents.RaiseAsync(new ActivityLogged(Guid.NewGuid(), Domain.Activities.ActivityKind.Call, Guid.NewGuid(), CampaignA, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Equal("26", Attr(page, "[data-testid=bd-tile]", "data-calls")));
        Assert.Equal("41", Attr(page, "[data-testid=kpi-calls]", "data-value"));
        Assert.Equal(before + 1, Dashboard.Queries.Count);
    }

    [Fact]
    public async Task An_import_finishing_in_a_campaign_in_scope_reloads_the_figures_and_one_elsewhere_does_not()
    {
        SignIn(Roles.Manager, scope: new ScopeSnapshot(false, new HashSet<Guid>(), new HashSet<Guid> { CampaignA }));
        await Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default));
        var page = RenderPage();
        var before = Dashboard.Queries.Count;

        await LiveEvents.RaiseAsync(new LeadsImported(Guid.NewGuid(), 500));
        Assert.Equal(before, Dashboard.Queries.Count);

        await LiveEvents.RaiseAsync(new LeadsImported(CampaignA, 500));

        page.WaitForAssertion(() => Assert.Equal(before + 1, Dashboard.Queries.Count));
    }

    [Theory]
    [InlineData("en", @"^Live · \d{1,2}:\d{2}:\d{2}\s[AP]M$")]
    [InlineData("fr", @"^En direct · \d{2}:\d{2}:\d{2}$")]
    public async Task The_live_chip_tells_the_time_of_the_last_refresh_the_way_the_reader_reads_times(string culture, string expected)
    {
        UseCulture(culture);
        SignIn(Roles.Manager, scope: new ScopeSnapshot(false, new HashSet<Guid>(), new HashSet<Guid> { CampaignA }));
        await Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default));
        var page = RenderPage();

        await LiveEvents.RaiseAsync(new ActivityLogged(Guid.NewGuid(), Domain.Activities.ActivityKind.Call, Guid.NewGuid(), CampaignA, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Matches(expected, page.Find("[data-testid=dashboard-live]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_campaign_created_in_scope_joins_the_funnel_choices_one_elsewhere_does_not_reread_them()
    {
        var account = Guid.NewGuid();
        SignIn(Roles.Manager, scope: new ScopeSnapshot(false, new HashSet<Guid> { account }, new HashSet<Guid> { CampaignA }));
        var campaigns = (ListedCampaigns)Services.GetRequiredService<ICampaignService>();
        var page = RenderPage();
        var lists = campaigns.Lists;

        await LiveEvents.RaiseAsync(new CampaignChanged(Guid.NewGuid(), Guid.NewGuid()));
        Assert.Equal(lists, campaigns.Lists);

        await LiveEvents.RaiseAsync(new CampaignChanged(Guid.NewGuid(), account)); // new under the manager's account
        page.WaitForAssertion(() => Assert.Equal(lists + 1, campaigns.Lists));
    }

    [Fact]
    public async Task My_figures_move_with_my_own_calls_not_with_a_colleagues()
    {
        SignIn(Roles.BusinessDeveloper, scope: new ScopeSnapshot(false, new HashSet<Guid>(), new HashSet<Guid> { CampaignA }));
        var page = RenderPage();
        var before = Dashboard.Queries.Count;

        await LiveEvents.RaiseAsync(new ActivityLogged(Guid.NewGuid(), Domain.Activities.ActivityKind.Call, null, CampaignA, Guid.NewGuid()));
        Assert.Equal(before, Dashboard.Queries.Count);

        Time.Advance(TimeSpan.FromSeconds(1));
        await LiveEvents.RaiseAsync(new ActivityLogged(Guid.NewGuid(), Domain.Activities.ActivityKind.Call, null, CampaignA, UserId));

        page.WaitForAssertion(() => Assert.Equal(before + 1, Dashboard.Queries.Count));
    }

    [Fact]
    public void A_BDs_own_tile_reads_as_their_activity_with_nothing_to_sort_and_a_team_of_one_has_no_sort_either()
    {
        SignIn(Roles.BusinessDeveloper);
        Dashboard.Answer = q => DashboardSamples.Overview(q.Scope, calls: 3, bds: [DashboardSamples.Bd("bd1@facturix.local", 3, 1, 0)]);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Mon activité", page.Find("#bd-tiles-title").TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=bd-tile]"));
        Assert.Empty(page.FindAll("[data-testid^=bd-sort-]"));
    }

    [Fact]
    public void A_managers_own_figures_show_no_tile_of_zeros_under_the_KPIs_zeros()
    {
        SignIn(Roles.Manager);
        Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Mine, DashboardPeriod.Default));
        Dashboard.Answer = q => DashboardSamples.Overview(q.Scope, calls: 0,
            bds: [DashboardSamples.Bd("manager@facturix.local", 0, 0, 0) with { CallsLast14Days = new int[14] }]);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("true", Attr(page, "[data-testid=dashboard]", "data-loaded")));
        Assert.Empty(page.FindAll("[data-testid=bd-tiles]"));
    }

    [Fact]
    public void A_managers_team_of_one_BD_has_its_team_title_and_no_sort_buttons()
    {
        SignIn(Roles.Manager);
        Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default));
        Dashboard.Answer = q => DashboardSamples.Overview(q.Scope, calls: 3, bds: [DashboardSamples.Bd("bd1@facturix.local", 3, 1, 0)]);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Activité par BD", page.Find("#bd-tiles-title").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid^=bd-sort-]"));
    }

    [Fact]
    public void A_failing_overview_shows_a_clear_message_and_still_the_headline_figures()
    {
        SignIn(Roles.BusinessDeveloper);
        Dashboard.NextResult().SetException(new TimeoutException("database busy"));
        Dashboard.Kpis = new KpiSnapshot(2, 1, 30, 3);

        var page = RenderPage();

        Assert.Contains("Impossible de charger", page.Find("[data-testid=dashboard-error]").TextContent);
        Assert.Equal("30", Attr(page, "[data-testid=kpi-leads]", "data-value"));
        Assert.Empty(page.FindAll("[data-testid=kpi-calls]"));
        Assert.Contains("Mon périmètre", page.Find("[data-testid=dashboard-scope]").TextContent);
    }
}
