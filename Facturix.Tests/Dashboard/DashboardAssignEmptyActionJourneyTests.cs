using Facturix.Domain.Accounts;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// Journey (decision 0089): a manager whose scope holds exactly one open campaign, with no BD on it, sees on "team" the BD
/// tiles' and the trend's "assign BDs" action, and each leads straight to that campaign's Assignments tab, where the assign
/// button is, not to the campaigns list. A manager and campaign of the test's own: the demo's scope has several campaigns.
/// </summary>
public sealed class DashboardAssignEmptyActionJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task With_one_open_campaign_and_no_BD_the_assign_actions_open_its_assignments_tab()
    {
        var (campaignId, _) = await AllDayCampaignAsync(new JourneyCampaign("Assign", "Seule"), 1);
        var (managerEmail, _) = await NewManagerOfAsync(campaignId, "assign-manager");
        var assignments = $"/campaigns/{campaignId}?tab=assignments";

        var page = await SignedInPageAsync(managerEmail);
        await WaitPageLoadedAsync(page);
        // A new manager opens on "team": the BD tiles show (empty), and the trend's action is assigning BDs, not the
        // viewer's workspace.
        await Expect(page.GetByTestId("metrics-scope-team")).ToHaveAttributeAsync("aria-pressed", "true");

        var tiles = page.GetByTestId("bd-tiles-empty-action");
        await Expect(tiles).ToHaveAttributeAsync("data-action", "assign");
        await Expect(tiles).ToHaveAttributeAsync("href", assignments);
        var trend = page.GetByTestId("trend-chart").GetByTestId("chart-empty-action");
        await Expect(trend).ToHaveAttributeAsync("data-action", "assign");
        await Expect(trend).ToHaveAttributeAsync("href", assignments);

        await tiles.ClickAsync();
        await ExpectAssignmentsTabAsync(page, campaignId);

        // Back on the dashboard (still "team"), the trend's action goes to the same tab.
        await page.GotoAsync("/dashboard");
        await WaitPageLoadedAsync(page);
        await Expect(page.GetByTestId("metrics-scope-team")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByTestId("trend-chart").GetByTestId("chart-empty-action").ClickAsync();
        await ExpectAssignmentsTabAsync(page, campaignId);
    }

    private static async Task ExpectAssignmentsTabAsync(IPage page, Guid campaignId)
    {
        await page.WaitForURLAsync(url => url.EndsWith($"/campaigns/{campaignId}?tab=assignments", StringComparison.Ordinal));
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("campaign-panel")).ToHaveAttributeAsync("data-tab", "assignments");
        await Expect(page.GetByTestId("campaign-tab-assignments")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByTestId("assign-bd")).ToBeVisibleAsync();
    }
}
