using Facturix.Domain.Campaigns;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Docs;

/// <summary>
/// Retakes the README's dashboard screenshots (light and dark), its global search, a BD's tasks, leads list and the BD workspace from the real app on the small demo data set. Not part
/// of the default run (<c>Category=Docs</c>): <c>dotnet test Facturix.Tests --filter Category=Docs</c> after a visible change.
/// </summary>
[Trait("Category", "Docs")]
public sealed class ReadmeScreenshots(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_manager_team_dashboard()
    {
        var page = await SignedInPageAsync("manager@facturix.local");
        await page.SetViewportSizeAsync(1440, 1000);
        await page.GetByTestId("metrics-scope-team").ClickAsync();
        await Expect(page.GetByTestId("metrics-scope-team")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("bd-tile").First).ToBeVisibleAsync();
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "dashboard.png"), FullPage = true });

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator(".fx-shell--dark").First).ToBeAttachedAsync();
        await Expect(page.GetByTestId("bd-tile").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "dashboard-dark.png"), FullPage = true });
        await page.GetByTestId("theme-switch").ClickAsync();
    }

    [Fact]
    public async Task The_global_search()
    {
        var page = await SignedInPageAsync("manager@facturix.local", at: "/search?q=durand");
        await page.SetViewportSizeAsync(1440, 900);
        await Expect(page.GetByTestId("search-result").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot(), "docs", "screenshots", "search.png") });
    }

    [Fact]
    public async Task The_tasks_page()
    {
        var page = await SignedInPageAsync("bd1@facturix.local", at: "/tasks");
        await page.SetViewportSizeAsync(1440, 900);
        await Expect(page.GetByTestId("task-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot(), "docs", "screenshots", "tasks.png") });
    }

    [Fact]
    public async Task The_leads_list()
    {
        var page = await SignedInPageAsync("manager@facturix.local");
        await page.SetViewportSizeAsync(1440, 900);
        await page.GetByTestId("nav-leads").ClickAsync();
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("lead-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot(), "docs", "screenshots", "leads.png") });
    }

    [Fact]
    public async Task The_workspace_with_a_lead_on_screen()
    {
        // The demo campaigns keep office hours: one of the BD's is made callable all day (0077), so the picture does not
        // depend on the hour it is taken at.
        var bd = await App.ActorAsync("bd3@facturix.local");
        Guid campaignId;
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            var campaign = await db.Campaigns
                .Where(c => c.State == CampaignState.Active && db.CampaignAssignments.Any(a => a.CampaignId == c.Id && a.UserId == bd.UserId))
                .OrderBy(c => c.Name).FirstAsync();
            (campaign.CallingHoursStart, campaign.CallingHoursEnd) = (TimeOnly.MinValue, TimeOnly.MinValue);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }
        var page = await SignedInPageAsync("bd3@facturix.local");
        await page.SetViewportSizeAsync(1440, 900);
        await page.GotoAsync("/workspace");
        await WaitInteractiveAsync(page);
        // The demo BD has several campaigns: the ready state offers each as a button.
        await ClickUntilVisibleAsync(page.Locator($"[data-testid='workspace-campaign-choice'][data-campaign-id='{campaignId}']"), page.GetByTestId("get-next"));
        await Expect(page.GetByTestId("get-next")).ToBeEnabledAsync();
        await ClickUntilVisibleAsync(page.GetByTestId("get-next"), page.GetByTestId("current-lead"));
        await Expect(page.GetByTestId("context-panel")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0); // the context panel's history loaded
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot(), "docs", "screenshots", "workspace.png") });
    }

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Facturix.Blazor.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new DirectoryNotFoundException("No Facturix.Blazor.sln above the test output.");
    }
}
