using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Users;

/// <summary>
/// /admin/users on a tablet (768 × 1024): between the phone's cards (under 600 px) and the full table, every row's role
/// select and action buttons are on the screen, with no sideways scroll inside the card. Before, the five columns
/// scrolled inside the card and the role select and the actions sat past its right edge.
/// </summary>
public sealed class AdminUsersTabletTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const int Width = 768;

    [Fact]
    public async Task At_768_px_every_rows_role_select_and_actions_are_on_screen_and_the_email_reads_under_the_name()
    {
        var email = await NewStaffAsync("tablet");
        var page = await SignedInPageAsync("admin@facturix.local");
        await page.SetViewportSizeAsync(Width, 1024);
        await page.GotoAsync("/admin/users");
        await WaitInteractiveAsync(page);
        var row = page.Locator($"[data-testid='admin-user-row'][data-user-email='{email}']");
        await Expect(row).ToBeVisibleAsync();

        // Read in one pass over every row: the table's scroll box, then each control's right edge against it and the screen.
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
                const box = document.querySelector('[data-testid=admin-users] .mud-table-container');
                const found = [];
                if (box.scrollWidth > box.clientWidth) found.push(`the table scrolls: ${box.scrollWidth} px in ${box.clientWidth} px`);
                const right = Math.min(box.getBoundingClientRect().right, window.innerWidth);
                const hooks = ['user-role-select', 'user-sessions', 'user-reset-password', 'user-deactivate', 'user-reactivate'];
                const rows = document.querySelectorAll('[data-testid=admin-user-row]');
                for (const row of rows) {
                    for (const hook of hooks) {
                        for (const el of row.querySelectorAll(`[data-testid=${hook}]`)) {
                            const r = el.getBoundingClientRect();
                            if (r.width === 0 || r.left < 0 || r.right > right + 0.5)
                                found.push(`${row.dataset.userEmail} ${hook}: ${r.left}..${r.right} px, visible up to ${right} px`);
                        }
                    }
                }
                if (rows.length === 0 || !rows[0].querySelector('[data-testid=user-role-select]')) found.push('no row with a role select');
                return found;
            }
            """);
        Assert.Empty(problems);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= Width, $"the page is {scrollWidth} px wide on a {Width} px screen");

        // Nothing went missing: the e-mail still reads on the row, under the name.
        await Expect(row.Locator(".fx-user-name")).ToContainTextAsync(email);
        await Expect(row.Locator("td.fx-user-email")).ToBeHiddenAsync();

        // And the controls answer: deactivating asks first.
        await row.GetByTestId("user-deactivate").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToHaveCountAsync(0);
    }
}
