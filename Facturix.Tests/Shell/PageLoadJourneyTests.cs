using System.Text.RegularExpressions;
using Facturix.Infrastructure.Dashboard;
using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// What loading a page behind sign-in costs and looks like now that nothing is prerendered
/// (docs/decisions/0009-no-prerendering-behind-sign-in.md).
/// </summary>
public sealed partial class PageLoadJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task One_dashboard_load_computes_its_figures_once_and_writes_nothing()
    {
        var page = await SignedInPageAsync("manager@facturix.local");
        await ExpectKpisShown(page); // the dashboard sign-in landed on has finished its own load
        // The dashboard's figures come from a cache shared by every circuit (issue 16): a period nobody has asked for
        // yet makes this load compute them, so "once" is measured, not hidden by a warm cache. It starts more than the
        // cached pieces' 100 days back (decision 0064), so its activity figures are read by their own query.
        var manager = await App.ActorAsync("manager@facturix.local");
        var preferences = App.Get<Facturix.Domain.Users.IUserPreferencesService>();
        var remembered = await preferences.GetDashboardAsync(manager);
        var today = Facturix.Domain.Dashboard.AgencyDays.Today(TimeProvider.System);
        await preferences.SetDashboardAsync(manager, new Facturix.Domain.Dashboard.DashboardPreferences(
            Facturix.Domain.Dashboard.MetricsScope.Mine,
            new Facturix.Domain.Dashboard.DashboardPeriod(Facturix.Domain.Dashboard.PeriodKind.Custom, today.AddDays(-Random.Shared.Next(120, 360)), today)));

        IReadOnlyList<string> sql;
        try
        {
            App.Commands.Start();
            await page.GotoAsync("/dashboard");
            await WaitInteractiveAsync(page);
            await ExpectKpisShown(page);
            sql = App.Commands.Stop();
        }
        finally
        {
            await preferences.SetDashboardAsync(manager, remembered);
        }

        var report = string.Join("\n---\n", sql);
        Assert.True(sql.Count(s => s.Contains("-- " + DashboardMetrics.ActivityQueryTag, StringComparison.Ordinal)) == 1,
            $"Expected the activity KPI query exactly once in one load. Commands:\n{report}");
        // The sign-in session's sliding expiry may be renewed by any request once it is old enough (CI saw it on a slow
        // run): that is the session's own write, not the page's.
        Assert.True(!sql.Where(s => !s.Contains("UPDATE auth_sessions", StringComparison.Ordinal)).Any(DbCommandLog.WritesOrLocks),
            $"A page load wrote or locked rows. Commands:\n{report}");
    }

    [Fact]
    public async Task Until_the_circuit_connects_the_page_shows_the_app_outline_on_the_themed_background()
    {
        var page = await SignedInPageAsync("bd1@facturix.local");
        // Hold the page where it is before the circuit starts: no Blazor script, so no circuit.
        await page.RouteAsync(new Regex(@"/_framework/blazor\.web\b.*\.js"), route => route.AbortAsync());

        await page.GotoAsync("/dashboard");

        await Expect(page.Locator(".fx-boot__bar")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("kpi-leads")).ToHaveCountAsync(0); // nothing prerendered
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.NotEqual("rgb(255, 255, 255)", background);
        Assert.NotEqual("rgba(0, 0, 0, 0)", background);
    }

    [Fact]
    public async Task The_outline_gives_way_to_the_interactive_shell()
    {
        var page = await SignedInPageAsync("bd1@facturix.local");

        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
        await Expect(page.Locator(".fx-boot__bar")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page_in_the_interactive_shell()
    {
        var page = await SignedInPageAsync("bd1@facturix.local");

        var response = await page.GotoAsync("/no-such-page");
        await WaitInteractiveAsync(page);

        Assert.Equal(404, response?.Status);
        await Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_access_denied_page_shows_in_the_interactive_shell()
    {
        var page = await SignedInPageAsync("bd1@facturix.local");

        await page.GotoAsync("/Account/AccessDenied");
        await WaitInteractiveAsync(page);

        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
    }

    private static Task ExpectKpisShown(IPage page) =>
        Expect(page.GetByTestId("kpi-leads")).ToHaveAttributeAsync("data-value", DigitsOnly());

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex DigitsOnly();
}
