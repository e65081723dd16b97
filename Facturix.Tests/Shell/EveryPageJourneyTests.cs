using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// Every page each staff role can open, on the demo data, in a real browser: it loads without an error state, a browser
/// console error or a warning in the app's log. A page a role may not see shows the access-denied state, which is no error.
/// A regression net under the feature journeys: they each walk one path; this opens every door once.
/// </summary>
public sealed class EveryPageJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] CampaignTabs = ["overview", "settings", "statuses", "outcomes", "script", "assignments"];

    [Theory]
    [InlineData("admin@facturix.local")]
    [InlineData("manager@facturix.local")]
    [InlineData("bd1@facturix.local")]
    public async Task Every_page_opens_without_an_error_for(string email)
    {
        var routes = await RoutesAsync();
        var page = await SignedInPageAsync(email);
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add($"{page.Url}: {message.Text}"); };
        page.PageError += (_, error) => consoleErrors.Add($"{page.Url}: {error}");
        foreach (var route in routes)
        {
            var mark = App.Log.Mark();
            await page.GotoAsync(route);
            await WaitInteractiveAsync(page);
            // Loaded: the skeletons that stand in while a page reads its data are gone.
            await Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("error-boundary")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
            await Expect(page.Locator("[data-testid$='load-failed']")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
            await Expect(page.Locator("#blazor-error-ui")).Not.ToBeVisibleAsync(new() { Timeout = 1_000 });
            Assert.True(consoleErrors.Count == 0, $"{route}: {string.Join(" | ", consoleErrors)}");
            var logged = App.Log.Since(mark);
            Assert.True(logged.Count == 0, $"{route}: {string.Join(" | ", logged)}");
        }
    }

    /// <summary>The app's routes, with an existing lead, account, campaign (each tab) and import of the demo data.</summary>
    private async Task<List<string>> RoutesAsync()
    {
        await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        var lead = await db.Leads.OrderBy(l => l.CreatedAt).Select(l => l.Id).FirstAsync();
        var account = await db.Accounts.OrderBy(a => a.Name).Select(a => a.Id).FirstAsync();
        var campaign = await db.Campaigns.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        var routes = new List<string>
        {
            "/dashboard", "/workspace", $"/workspace?campaign={campaign}", "/leads", $"/leads?campaign={campaign}",
            $"/leads/{lead}", "/leads/duplicates", "/calls/unmatched", "/accounts", $"/accounts/{account}", "/campaigns",
            "/campaigns/new", "/import", $"/import?campaign={campaign}", "/admin/users", "/admin/permissions", "/admin/audit",
            "/admin/aircall", "/not-found",
        };
        routes.AddRange(CampaignTabs.Select(tab => $"/campaigns/{campaign}?tab={tab}"));
        if (await db.Imports.OrderBy(i => i.CreatedAt).Select(i => (Guid?)i.Id).FirstOrDefaultAsync() is { } import)
            routes.Add($"/import/{import}");
        return routes;
    }
}
