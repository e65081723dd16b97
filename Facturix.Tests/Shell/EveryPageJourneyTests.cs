using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// Every page each staff role can open, on the demo data, in a real browser: it loads without an error state, a browser
/// console error or a warning in the app's log. A page a role may not see shows the access-denied state, which is no error.
/// A regression net under the feature journeys: they each walk one path; this opens every door once.
/// The admin in French loads each page afresh, as a bookmark, a shared link or a reload does (a new circuit each time):
/// the admin can open them all. The other runs move from page to page inside the circuit, as a click on the menu does all
/// day, at a fifth of a load's cost (ADR 0099).
/// </summary>
public sealed class EveryPageJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("admin@facturix.local", "fr")]
    [InlineData("manager@facturix.local", "fr")]
    [InlineData("bd1@facturix.local", "fr")]
    [InlineData("admin@facturix.local", "en")]
    [InlineData("bd1@facturix.local", "en")]
    public async Task Every_page_opens_without_an_error_for(string email, string language)
    {
        var routes = await DemoRoutes.AllAsync(App);
        // The language is a saved preference: English is read by a user of the test's own in the same role, so the demo
        // users stay French for the journeys after this one.
        if (language == "en")
        {
            var role = RoleOf(email);
            email = $"sweep-en-{Guid.NewGuid():N}@test.local";
            await App.CreateUserAsync(email, role);
        }
        var page = await SignedInPageAsync(email);
        if (language == "en")
            await ClickUntilVisibleAsync(page.GetByTestId("language-switch"), page.Locator("html[lang='en']"));
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add($"{page.Url}: {message.Text}"); };
        page.PageError += (_, error) => consoleErrors.Add($"{page.Url}: {error}");
        var freshLoads = email == "admin@facturix.local" && language == "fr";
        foreach (var route in routes)
        {
            var mark = App.Log.Mark();
            if (freshLoads) await page.GotoAsync(route);
            else await OpenInCircuitAsync(page, route);
            try
            {
                await WaitPageLoadedAsync(page);
            }
            catch (PlaywrightException e)
            {
                throw new Xunit.Sdk.XunitException($"{route} ({language}) never showed as loaded: {e.Message}");
            }
            await Expect(page.GetByTestId("error-boundary")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
            await Expect(page.Locator("[data-testid$='load-failed']")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
            await Expect(page.Locator("#blazor-error-ui")).Not.ToBeVisibleAsync(new() { Timeout = 1_000 });
            // A resource key shown as text ("AtRisk.Close", "EmptyAction.set-goal") is a label missing from this language.
            // Keys are PascalCase: a company written "ACME.FR" is data, not a key.
            var rawKeys = await page.EvaluateAsync<string[]>(
                "() => [...new Set(document.body.innerText.match(/\\b[A-Z][a-z][A-Za-z]*\\.(?:[A-Z][a-z][A-Za-z]*|[a-z]+(?:-[a-z]+)+)\\b/g) ?? [])]");
            Assert.True(rawKeys.Length == 0, $"{route} ({language}): {string.Join(", ", rawKeys)}");
            Assert.True(consoleErrors.Count == 0, $"{route}: {string.Join(" | ", consoleErrors)}");
            var logged = App.Log.Since(mark);
            Assert.True(logged.Count == 0, $"{route}: {string.Join(" | ", logged)}");
        }
    }

    private static string RoleOf(string demoEmail) => demoEmail.StartsWith("admin@", StringComparison.Ordinal)
        ? Facturix.Domain.Users.Roles.Admin
        : demoEmail.StartsWith("manager@", StringComparison.Ordinal) ? Facturix.Domain.Users.Roles.Manager : Facturix.Domain.Users.Roles.BusinessDeveloper;
}
