using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// The layout's <c>app-interactive</c> marker names the page shown (<c>data-location</c>) and follows every move inside
/// the circuit: a click on the menu, and <see cref="BrowserTest.OpenInCircuitAsync"/>, which the sweeps use to visit
/// every page without a load each (ADR 0099). If the marker lagged, the sweeps would read the page before.
/// </summary>
public sealed class InCircuitNavigationJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_marker_follows_a_menu_click_and_a_move_inside_the_circuit()
    {
        var page = await SignedInPageAsync("admin@facturix.local");
        var marker = page.GetByTestId("app-interactive");
        await Expect(marker).ToHaveAttributeAsync("data-location", "/dashboard");
        // A load would give a new document: this one must survive every move below.
        await page.EvaluateAsync("() => window.__sameDocument = true");

        await page.GetByTestId("nav-campaigns").ClickAsync();
        await Expect(marker).ToHaveAttributeAsync("data-location", "/campaigns");
        await Expect(page.Locator(".fx-page h1")).ToBeVisibleAsync();

        var campaignId = await page.GetByTestId("campaign-row").First.GetAttributeAsync("data-campaign-id");
        Assert.False(string.IsNullOrEmpty(campaignId));
        await OpenInCircuitAsync(page, $"/campaigns/{campaignId}?tab=script");
        await WaitPageLoadedAsync(page);
        // Only the query changes from here: the same page, another tab, and the marker still follows.
        await OpenInCircuitAsync(page, $"/campaigns/{campaignId}?tab=assignments");
        await WaitPageLoadedAsync(page);

        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "a move inside the circuit reloaded the page");
    }
}
