using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Users;

/// <summary>/admin/users on a phone (390 × 844): the staff list fits the screen and each person's actions are in reach.</summary>
public sealed class AdminUsersPhoneTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const int Width = 390;

    [Fact]
    public async Task At_phone_width_the_page_never_scrolls_sideways_and_a_row_s_actions_are_on_screen_and_work()
    {
        var email = await NewStaffAsync("phone");
        var page = await SignedInPageAsync("admin@facturix.local");
        await page.SetViewportSizeAsync(Width, 844);
        await page.GotoAsync("/admin/users");
        await WaitInteractiveAsync(page);
        var row = page.Locator($"[data-testid='admin-user-row'][data-user-email='{email}']");
        await Expect(row).ToBeVisibleAsync();

        // The page is no wider than the screen (before, the table's five columns made it about 700 px wide).
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2], $"the page is {widths[0]} px wide (body {widths[1]} px) on a {widths[2]} px screen");

        // Every control of the row lies within the screen as shown: nothing to scroll sideways to reach it.
        foreach (var hook in new[] { "user-role-select", "user-sessions", "user-reset-password", "user-deactivate" })
        {
            var box = await row.GetByTestId(hook).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= Width, $"{hook} spans {box.X}..{box.X + box.Width} px on a {Width} px screen");
        }

        // And they answer a tap: deactivating asks first.
        await row.GetByTestId("user-deactivate").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToHaveCountAsync(0);
        await Expect(row).ToHaveAttributeAsync("data-active", "true");
    }
}
