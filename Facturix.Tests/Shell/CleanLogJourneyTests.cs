using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>A warning in the log should mean something: the everyday path writes none.</summary>
public sealed class CleanLogJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Signing_in_opening_the_dashboard_and_the_admin_page_log_no_warning()
    {
        var mark = App.Log.Mark();

        var page = await SignedInPageAsync("admin@facturix.local");
        await Expect(page.GetByTestId("kpi-leads")).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        await page.GetByTestId("nav-admin").ClickAsync();
        await Expect(page.GetByTestId("admin-user-row").First).ToBeVisibleAsync();
        await page.GetByTestId("nav-dashboard").ClickAsync();
        await Expect(page.GetByTestId("kpi-leads")).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex("^[0-9]+$"));

        Assert.Empty(App.Log.Since(mark));
        // The recorder really is wired to the app's logging: a warning would have shown above.
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(
            App.Get<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("probe"), "probe warning");
        Assert.Contains(App.Log.Since(mark), entry => entry.Contains("probe warning"));
    }
}
