using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>The app must work with no network but its own server: fonts, styles and scripts are all self-hosted.</summary>
public sealed class OfflineJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Sign_in_and_dashboard_request_nothing_outside_the_app_and_render_in_Inter()
    {
        var page = await NewPageAsync();
        var foreign = new List<string>();
        page.Context.Request += (_, request) =>
        {
            var url = request.Url;
            if (!url.StartsWith(App.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal)
                && !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal))
                lock (foreign) foreign.Add(url);
        };

        await page.GotoAsync("/Account/Login");
        await LoginInput(page, "login-email").FillAsync("manager@facturix.local");
        await LoginInput(page, "login-password").FillAsync(Facturix.Infrastructure.DemoData.DemoDataSeeder.DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("kpi-leads")).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex("^[0-9]+$"));

        var interLoaded = await page.EvaluateAsync<bool>("async () => { await document.fonts.ready; return [...document.fonts].some(f => f.family.replace(/[\"']/g, '') === 'Inter' && f.status === 'loaded'); }");
        var bodyFont = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily");
        Assert.True(interLoaded, "The self-hosted Inter font did not load.");
        Assert.StartsWith("Inter", bodyFont.Trim('"', '\''), StringComparison.Ordinal);
        lock (foreign) Assert.Empty(foreign);
    }
}
