using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// A BD's activity panel, driven from the keyboard alone: it takes the focus as it opens and, closed by Escape or by its
/// close button, gives it back to the tile that opened it. Before, closing left the focus on the page's body, and the
/// next Tab started again from the top of the page.
/// </summary>
public sealed class BdActivityFocusJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Closing_a_BDs_panel_by_Escape_or_its_close_button_gives_the_focus_back_to_the_tile()
    {
        // An admin of the test's own, who has chosen nothing: the dashboard opens on the team, whatever the demo admin chose.
        var email = $"focus-{Guid.NewGuid():N}@test.local";
        await App.CreateUserAsync(email, Roles.Admin);
        var page = await SignedInPageAsync(email);
        await Expect(page.GetByTestId("metrics-scope-team")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("bd-tile").First).ToBeVisibleAsync();

        // Tab from the last sort button lands on the first tile.
        await page.GetByTestId("bd-sort-meetings").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await WaitFocusedAsync(page, "bd-tile");
        var bd = await page.EvaluateAsync<string>("() => document.activeElement.dataset.userEmail");
        var tile = page.Locator($"[data-testid='bd-tile'][data-user-email='{bd}']");

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("bd-activity")).ToHaveAttributeAsync("data-user-email", bd);
        await Expect(tile).ToHaveAttributeAsync("aria-expanded", "true");
        await WaitFocusedAsync(page, "bd-activity");

        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("bd-activity")).ToHaveCountAsync(0);
        await WaitFocusedAsync(page, "bd-tile", bd);

        // Again, closing with the close button reached by Tab from inside the panel.
        await page.Keyboard.PressAsync("Enter");
        await WaitFocusedAsync(page, "bd-activity");
        await page.Keyboard.PressAsync("Tab");
        await WaitFocusedAsync(page, "bd-activity-close");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("bd-activity")).ToHaveCountAsync(0);
        await WaitFocusedAsync(page, "bd-tile", bd);
        Assert.Equal("false", await tile.GetAttributeAsync("aria-expanded"));
    }

    /// <summary>
    /// Waits until <c>document.activeElement</c> carries <paramref name="testId"/> (and, if given, that BD's e-mail). The
    /// focus moves in a script call after the render that changed the page, so it is waited for, not read once.
    /// </summary>
    private static async Task WaitFocusedAsync(IPage page, string testId, string? userEmail = null)
    {
        const string Script = """
            ([testId, email]) => document.activeElement?.dataset.testid === testId
                && (email === null || document.activeElement.dataset.userEmail === email)
            """;
        try
        {
            await page.WaitForFunctionAsync(Script, new object?[] { testId, userEmail }, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            var active = await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; return e ? `${e.tagName} ${e.dataset.testid ?? ''} ${e.dataset.userEmail ?? ''}` : 'none'; }");
            Assert.Fail($"Expected the focus on {testId} {userEmail}, but it is on: {active}");
        }
    }
}
