using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Campaigns;
using Facturix.Tests.Import;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Dashboard;

/// <summary>The dashboard page's logic over a scripted service: toggle, period, tiles, empty states, sorting, live reloads.</summary>
public sealed class DashboardPageTests : DashboardPageTest
{
    [Fact]
    public void A_BD_gets_no_scope_toggle_and_only_their_own_figures()
    {
        SignIn(Roles.BusinessDeveloper);

        var page = RenderPage();

        Assert.Empty(page.FindAll("[data-testid=metrics-scope-my]"));
        Assert.Empty(page.FindAll("[data-testid=metrics-scope-team]"));
        Assert.All(Dashboard.Queries, q => Assert.Equal(MetricsScope.Mine, q.Scope));
        Assert.Equal("3", Attr(page, "[data-testid=kpi-calls]", "data-value"));
    }

    [Fact]
    public void A_BD_remembered_on_team_still_asks_for_their_own_figures_only()
    {
        SignIn(Roles.BusinessDeveloper);
        Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default));

        RenderPage();

        Assert.NotEmpty(Dashboard.Queries);
        Assert.All(Dashboard.Queries, q => Assert.Equal(MetricsScope.Mine, q.Scope));
    }

    [Fact]
    public async Task A_manager_toggles_my_and_team_aria_pressed_follows_the_choice_and_it_is_remembered()
    {
        SignIn(Roles.Manager);
        var page = RenderPage();
        Assert.Equal("true", Attr(page, "[data-testid=metrics-scope-my]", "aria-pressed"));
        Assert.Equal("false", Attr(page, "[data-testid=metrics-scope-team]", "aria-pressed"));
        Assert.Equal("3", Attr(page, "[data-testid=kpi-calls]", "data-value"));

        page.Find("[data-testid=metrics-scope-team]").Click();

        page.WaitForAssertion(() => Assert.Equal("40", Attr(page, "[data-testid=kpi-calls]", "data-value")));
        Assert.Equal("true", Attr(page, "[data-testid=metrics-scope-team]", "aria-pressed"));
        Assert.Equal("false", Attr(page, "[data-testid=metrics-scope-my]", "aria-pressed"));
        Assert.Equal(MetricsScope.Team, Dashboard.Queries[^1].Scope);
        Assert.Equal(MetricsScope.Team, (await Preferences.GetDashboardAsync(Me)).Scope);

        page.Find("[data-testid=metrics-scope-my]").Click();

        page.WaitForAssertion(() => Assert.Equal("3", Attr(page, "[data-testid=kpi-calls]", "data-value")));
        Assert.Equal("true", Attr(page, "[data-testid=metrics-scope-my]", "aria-pressed"));
        Assert.Equal(MetricsScope.Mine, (await Preferences.GetDashboardAsync(Me)).Scope);
    }

    [Fact]
    public void A_managers_remembered_choice_is_where_the_page_opens()
    {
        SignIn(Roles.Manager);
        var period = new DashboardPeriod(PeriodKind.Custom, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 20));
        Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, period));

        var page = RenderPage();

        Assert.Equal("true", Attr(page, "[data-testid=metrics-scope-team]", "aria-pressed"));
        Assert.Equal("true", Attr(page, "[data-testid=period-custom]", "aria-pressed"));
        Assert.Equal(new DashboardQuery(MetricsScope.Team, period), Dashboard.Queries[0]);
    }

    [Fact]
    public async Task A_refused_custom_period_shows_the_reason_and_keeps_what_was_typed_then_a_valid_one_applies()
    {
        SignIn(Roles.Manager);
        var page = RenderPage();
        var queries = Dashboard.Queries.Count;

        page.Find("[data-testid=period-custom]").Click();
        DateInput(page, "period-from").Change("2026-11-20");
        DateInput(page, "period-to").Change("2026-11-10");
        page.Find("[data-testid=period-custom-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("[data-testid=field-error][data-field=To]", page.FindAll("[data-testid=field-error]").Select(e => $"[data-testid=field-error][data-field={e.GetAttribute("data-field")}]")));
        Assert.False(string.IsNullOrWhiteSpace(page.Find("[data-testid=field-error][data-field=To]").TextContent));
        Assert.Equal("2026-11-20", DateInput(page, "period-from").GetAttribute("value"));
        Assert.Equal("2026-11-10", DateInput(page, "period-to").GetAttribute("value"));
        Assert.Equal(queries, Dashboard.Queries.Count);

        DateInput(page, "period-to").Change("2026-11-25");
        page.Find("[data-testid=period-custom-form]").Submit();

        var expected = new DashboardPeriod(PeriodKind.Custom, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 25));
        page.WaitForAssertion(() => Assert.Equal(expected, Dashboard.Queries[^1].Period));
        Assert.Equal(expected, (await Preferences.GetDashboardAsync(Me)).Period);
        Assert.Empty(page.FindAll("[data-testid=period-custom-form]"));
    }

    [Fact]
    public void Presets_ask_for_their_period()
    {
        SignIn(Roles.BusinessDeveloper);
        var page = RenderPage();

        page.Find("[data-testid=period-30d]").Click();

        page.WaitForAssertion(() => Assert.Equal(new DashboardPeriod(PeriodKind.Last30Days), Dashboard.Queries[^1].Period));
        Assert.Equal("true", Attr(page, "[data-testid=period-30d]", "aria-pressed"));
        Assert.Equal("false", Attr(page, "[data-testid=period-7d]", "aria-pressed"));
    }

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
    public async Task A_choice_made_while_the_remembered_one_loads_is_kept()
    {
        SignIn(Roles.Manager);
        await Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Mine, DashboardPeriod.Default));
        Preferences.DashboardReadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());
        var page = host.FindComponent<DashboardPage>();

        page.Find("[data-testid=metrics-scope-team]").Click();
        await page.InvokeAsync(() => Preferences.DashboardReadGate.SetResult());

        page.WaitForAssertion(() => Assert.Equal("40", Attr(page, "[data-testid=kpi-calls]", "data-value")));
        Assert.Equal("true", Attr(page, "[data-testid=metrics-scope-team]", "aria-pressed"));
        Assert.Equal(MetricsScope.Team, Dashboard.Queries[^1].Scope);
        Assert.Equal(MetricsScope.Team, (await Preferences.GetDashboardAsync(Me)).Scope);
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
