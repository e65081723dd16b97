using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Users;

public sealed class PreferencesJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Language_and_theme_choices_follow_the_user_to_a_new_browser()
    {
        const string user = "bd4@facturix.local";
        var page = await SignedInPageAsync(user);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.GetByTestId("theme-switch")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("nav-dashboard")).ToContainTextAsync("Dashboard");

        // Another browser, no cookies: the saved preferences come back with the sign-in.
        var elsewhere = await SignedInPageAsync(user);
        await Expect(elsewhere.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(elsewhere.GetByTestId("theme-switch")).ToHaveAttributeAsync("aria-pressed", "true");
    }
}
