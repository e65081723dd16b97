using System.Text.RegularExpressions;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Campaigns;

/// <summary>
/// A campaign's settings typed but not saved: moving to another tab asks first. Cancelling keeps the tab and what was
/// typed; confirming leaves, and nothing was saved. An untouched tab leaves at once. On a campaign of the test's own.
/// </summary>
public sealed class CampaignSettingsLeaveJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Leaving_the_settings_with_a_change_asks_first_and_cancelling_keeps_it()
    {
        var (campaign, _) = await AllDayCampaignAsync(0);
        var page = await SignedInPageAsync("admin@facturix.local", at: $"/campaigns/{campaign}?tab=settings");
        await WaitPageLoadedAsync(page);
        var lease = page.GetByTestId("settings-lock-lease");
        var stored = await lease.InputValueAsync();

        // Untouched: another tab opens at once.
        await page.GetByTestId("campaign-tab-script").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("tab=script$"));
        await page.GetByTestId("campaign-tab-settings").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("tab=settings$"));

        // A number typed, not saved (the field is left by the click itself).
        await Expect(page.GetByTestId("settings-unsaved")).ToHaveCountAsync(0);
        await lease.FillAsync("37");
        // The change has reached the circuit (a clean run clicked the next tab before it had, and left without a question).
        await Expect(page.GetByTestId("settings-unsaved")).ToBeVisibleAsync();
        await page.GetByTestId("campaign-tab-statuses").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToHaveCountAsync(0);
        Assert.EndsWith("tab=settings", page.Url, StringComparison.Ordinal);
        await Expect(lease).ToHaveValueAsync("37");

        await page.GetByTestId("campaign-tab-statuses").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("tab=statuses$"));
        await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        Assert.Equal(int.Parse(stored), await db.Campaigns.Where(c => c.Id == campaign).Select(c => c.LockLeaseMinutes).SingleAsync());
    }
}
