using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// The app runs under its Content-Security-Policy (no violation, still interactive) and answers with the hardening
/// headers everywhere: static sign-in page, interactive pages, /health.
/// </summary>
public sealed class SecurityHeadersJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>Records every CSP violation the page reports, before any of its own scripts run.</summary>
    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
        """;

    [Fact]
    public async Task Sign_in_dashboard_and_admin_work_under_the_policy_without_a_single_violation()
    {
        var page = await NewPageAsync();
        await page.Context.AddInitScriptAsync(ViolationRecorder);
        var consoleViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (consoleViolations) consoleViolations.Add(message.Text);
        };

        await page.GotoAsync("/Account/Login");
        await Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync();
        await AssertNoViolationAsync(page, consoleViolations, "sign-in page");

        await LoginInput(page, "login-email").FillAsync("admin@facturix.local");
        await LoginInput(page, "login-password").FillAsync(Facturix.Infrastructure.DemoData.DemoDataSeeder.DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await WaitInteractiveAsync(page);
        await page.GotoAsync("/dashboard");
        await WaitInteractiveAsync(page);
        await AssertNoViolationAsync(page, consoleViolations, "dashboard");

        await page.GotoAsync("/admin");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("admin-user-row").First).ToBeVisibleAsync();
        await AssertNoViolationAsync(page, consoleViolations, "admin page");
    }

    [Fact]
    public async Task Sign_in_page_signed_in_page_and_health_carry_the_headers()
    {
        var page = await NewPageAsync();
        AssertHardened(await page.GotoAsync("/Account/Login"), "sign-in page");
        AssertHardened(await page.Context.APIRequest.GetAsync("/health"), "/health");

        var signedIn = await SignedInPageAsync("bd1@facturix.local");
        AssertHardened(await signedIn.GotoAsync("/dashboard"), "dashboard");
        AssertHardened(await signedIn.GotoAsync("/_framework/blazor.web.js"), "a static file");
    }

    private static async Task AssertNoViolationAsync(IPage page, List<string> console, string where)
    {
        var reported = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.True(reported.Length == 0, $"CSP violations on the {where}: {string.Join(" | ", reported)}");
        lock (console) Assert.True(console.Count == 0, $"CSP console errors on the {where}: {string.Join(" | ", console)}");
    }

    private static void AssertHardened(IResponse? response, string what) => AssertHardened(response!.Headers, what);

    private static void AssertHardened(IAPIResponse response, string what) => AssertHardened(response.Headers, what);

    private static void AssertHardened(Dictionary<string, string> headers, string what)
    {
        Assert.True(headers.TryGetValue("content-security-policy", out var csp), $"No CSP on {what}.");
        foreach (var directive in new[] { "default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "img-src 'self' data:" })
            Assert.Contains(directive, csp!, StringComparison.Ordinal);
        Assert.Matches(@"script-src 'self' 'nonce-[A-Za-z0-9+/=]+';", csp);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("same-origin", headers["referrer-policy"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
    }
}
