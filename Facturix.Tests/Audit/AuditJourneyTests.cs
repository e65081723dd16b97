using System.Text;
using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Audit;

public sealed class AuditJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static Microsoft.Playwright.ILocator Input(Microsoft.Playwright.IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    private static Microsoft.Playwright.ILocator Label(Microsoft.Playwright.IPage page, string testId) =>
        page.Locator(".mud-input-control").Filter(new() { Has = Input(page, testId) }).Locator("label").First;

    [Fact]
    public async Task An_admin_filters_the_log_reads_an_events_details_and_downloads_it_as_csv()
    {
        var bdEmail = await NewStaffAsync("audited");
        await SignedInPageAsync(bdEmail); // a sign-in to find in the log
        var admin = await SignedInPageAsync("admin@facturix.local", at: "/admin/audit");
        await Expect(admin.GetByTestId("audit-row").First).ToBeVisibleAsync();
        // The filters share a row on a desktop screen (they once stacked, one per line, above the log).
        var actorTop = (await Input(admin, "audit-filter-actor").BoundingBoxAsync())!.Y;
        var targetTop = (await Input(admin, "audit-filter-target").BoundingBoxAsync())!.Y;
        Assert.True(Math.Abs(actorTop - targetTop) < 1, $"the actor filter at y={actorTop}, the target filter at y={targetTop}");
        // Empty, each says what it filters inside its box (the target's hint, once a placeholder, floated its label above it);
        // the hint shows once the field has the focus.
        var actorLabel = (await Label(admin, "audit-filter-actor").BoundingBoxAsync())!.Y;
        var targetLabel = (await Label(admin, "audit-filter-target").BoundingBoxAsync())!.Y;
        Assert.True(Math.Abs(actorLabel - targetLabel) < 1, $"the actor label at y={actorLabel}, the target label at y={targetLabel}");
        await Expect(Label(admin, "audit-filter-target")).ToHaveTextAsync("Cible");
        await Input(admin, "audit-filter-target").FocusAsync();
        await Expect(admin.Locator(".mud-input-control").Filter(new() { Has = Input(admin, "audit-filter-target") }).Locator(".mud-input-helper-text")).ToHaveTextAsync("Nom, type ou id");

        await Input(admin, "audit-filter-actor").FillAsync(bdEmail);
        await Input(admin, "audit-filter-actor").PressAsync("Enter");

        var row = admin.Locator($"[data-testid='audit-row'][data-action='signin.succeeded'][data-actor-email='{bdEmail}']");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(admin.Locator("[data-testid='audit-row']")).ToHaveCountAsync(1);
        await row.GetByTestId("audit-row-details").ClickAsync();
        await Expect(admin.GetByTestId("audit-details")).ToContainTextAsync("userAgent");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("audit-export").ClickAsync());

        Assert.EndsWith(".csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("occurred_at_utc,actor_email,", lines[0]);
        var line = Assert.Single(lines[1..]);
        Assert.Contains($",{bdEmail},", line);
        Assert.Contains(",signin.succeeded,", line);

        // The download is on record, with the filter it used.
        await Input(admin, "audit-filter-actor").FillAsync("admin@facturix.local");
        await Input(admin, "audit-filter-actor").PressAsync("Enter");
        await Expect(admin.Locator("[data-testid='audit-row'][data-action='audit.exported']").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_export_link_needs_the_right_to_read_the_log()
    {
        var bd = await SignedInPageAsync("bd2@facturix.local");

        var response = await bd.APIRequest.GetAsync("/admin/audit/export", new() { MaxRedirects = 0 });

        Assert.NotEqual(200, response.Status);
        Assert.DoesNotContain("text/csv", response.Headers.GetValueOrDefault("content-type") ?? "");
    }
}
