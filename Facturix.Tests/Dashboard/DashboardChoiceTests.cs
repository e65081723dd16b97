using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Users;
using Facturix.Tests.Campaigns;
using Facturix.Tests.Support;

namespace Facturix.Tests.Dashboard;

/// <summary>The dashboard's choices: my/team and the period, what each asks for, and how they are remembered.</summary>
public sealed class DashboardChoiceTests : DashboardPageTest
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
    public async Task A_manager_opens_on_the_team_toggles_my_and_team_aria_pressed_follows_the_choice_and_it_is_remembered()
    {
        SignIn(Roles.Manager);
        var page = RenderPage();
        Assert.Equal("true", Attr(page, "[data-testid=metrics-scope-team]", "aria-pressed"));
        Assert.Equal("false", Attr(page, "[data-testid=metrics-scope-my]", "aria-pressed"));
        Assert.Equal("40", Attr(page, "[data-testid=kpi-calls]", "data-value"));
        Assert.Equal(MetricsScope.Team, Assert.Single(Dashboard.Queries).Scope);

        page.Find("[data-testid=metrics-scope-my]").Click();

        page.WaitForAssertion(() => Assert.Equal("3", Attr(page, "[data-testid=kpi-calls]", "data-value")));
        Assert.Equal("true", Attr(page, "[data-testid=metrics-scope-my]", "aria-pressed"));
        Assert.Equal("false", Attr(page, "[data-testid=metrics-scope-team]", "aria-pressed"));
        Assert.Equal(MetricsScope.Mine, Dashboard.Queries[^1].Scope);
        Assert.Equal(MetricsScope.Mine, (await Preferences.GetDashboardAsync(Me)).Scope);

        page.Find("[data-testid=metrics-scope-team]").Click();

        page.WaitForAssertion(() => Assert.Equal("40", Attr(page, "[data-testid=kpi-calls]", "data-value")));
        Assert.Equal("true", Attr(page, "[data-testid=metrics-scope-team]", "aria-pressed"));
        Assert.Equal(MetricsScope.Team, (await Preferences.GetDashboardAsync(Me)).Scope);
    }

    [Fact]
    public void A_managers_remembered_own_figures_are_where_the_page_opens()
    {
        SignIn(Roles.Manager);
        Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Mine, DashboardPeriod.Default));

        var page = RenderPage();

        Assert.Equal("true", Attr(page, "[data-testid=metrics-scope-my]", "aria-pressed"));
        Assert.Equal("3", Attr(page, "[data-testid=kpi-calls]", "data-value"));
        Assert.All(Dashboard.Queries, q => Assert.Equal(MetricsScope.Mine, q.Scope));
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
    public async Task A_choice_made_while_the_remembered_one_loads_is_kept()
    {
        SignIn(Roles.Manager);
        await Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default));
        Preferences.DashboardReadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());
        var page = host.FindComponent<DashboardPage>();

        page.Find("[data-testid=metrics-scope-my]").Click();
        await page.InvokeAsync(() => Preferences.DashboardReadGate.SetResult());

        page.WaitForAssertion(() => Assert.Equal("3", Attr(page, "[data-testid=kpi-calls]", "data-value")));
        Assert.Equal("true", Attr(page, "[data-testid=metrics-scope-my]", "aria-pressed"));
        Assert.Equal(MetricsScope.Mine, Dashboard.Queries[^1].Scope);
        Assert.Equal(MetricsScope.Mine, (await Preferences.GetDashboardAsync(Me)).Scope);
    }
}
