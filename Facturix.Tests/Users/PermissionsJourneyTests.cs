using Facturix.Domain.Users;
using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Users;

/// <summary>The permission matrix edited on /admin/permissions takes effect in other people's open tabs, live.</summary>
public sealed class PermissionsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string AuditCell = "[data-testid='permission-cell'][data-role='BD'][data-capability='audit.read']";

    [Fact]
    public async Task An_admin_grants_audit_read_to_BDs_and_a_BDs_open_tab_gains_then_loses_the_admin_area_live()
    {
        var bdEmail = await NewStaffAsync("reader");
        var bd = await SignedInPageAsync(bdEmail);
        await Expect(bd.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
        await Expect(bd.GetByTestId("nav-admin")).ToHaveCountAsync(0);
        var admin = await SignedInPageAsync("admin@facturix.local", at: "/admin/permissions");
        var cell = admin.Locator(AuditCell);
        await Expect(cell).ToHaveAttributeAsync("aria-checked", "false");
        // Each row is one line across: its capability cell is as tall as its toggles' (a flex th once left the row, and
        // the dividers ran under the first column only).
        var uneven = await admin.Locator("tbody tr").EvaluateAllAsync<int>(
            "rows => rows.filter(r => new Set([...r.cells].map(c => Math.round(c.getBoundingClientRect().bottom))).size > 1).length");
        Assert.Equal(0, uneven);
        try
        {
            await cell.ClickAsync();

            await Expect(cell).ToHaveAttributeAsync("aria-checked", "true");
            await Expect(bd.GetByTestId("nav-admin")).ToBeVisibleAsync();
            // The BD reads the audit log of their own scope: themselves, starting with their sign-in.
            await bd.GetByTestId("nav-admin").ClickAsync();
            await Expect(bd).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/audit$"));
            await Expect(bd.Locator($"[data-testid='audit-row'][data-action='signin.succeeded'][data-actor-email='{bdEmail}']")).ToBeVisibleAsync();
            await Expect(bd.Locator("[data-testid='audit-row'][data-actor-email='admin@facturix.local']")).ToHaveCountAsync(0);

            // Space on the focused cell (the keyboard way) takes it back: the BD's page turns into "access denied".
            await cell.FocusAsync();
            await admin.Keyboard.PressAsync("Space");
            await Expect(cell).ToHaveAttributeAsync("aria-checked", "false");
            await Expect(bd.GetByTestId("access-denied")).ToBeVisibleAsync();
            await Expect(bd.GetByTestId("nav-admin")).ToHaveCountAsync(0);
        }
        finally
        {
            // Other journeys share this app's matrix.
            await App.Get<IPermissionMatrix>().SetAsync(await App.ActorAsync("admin@facturix.local"), Roles.BusinessDeveloper, Capability.AuditRead, false);
        }
    }

    [Fact]
    public async Task Removing_the_admins_last_permission_to_edit_the_matrix_is_refused_and_the_box_stays_ticked()
    {
        var admin = await SignedInPageAsync("admin@facturix.local", at: "/admin/permissions");
        var cell = admin.Locator("[data-testid='permission-cell'][data-role='Admin'][data-capability='permissions.manage']");
        await Expect(cell).ToHaveAttributeAsync("aria-checked", "true");

        await cell.ClickAsync();

        await Expect(admin.Locator("[data-testid='toast'][data-severity='warning']")).ToContainTextAsync("Au moins un rôle");
        await Expect(cell).ToHaveAttributeAsync("aria-checked", "true");
    }
}
