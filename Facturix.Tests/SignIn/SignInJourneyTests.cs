using Facturix.Domain.Users;
using Facturix.Infrastructure.SignIn;
using Facturix.Infrastructure.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.SignIn;

public sealed class SignInJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_admin_signs_in_lands_on_the_dashboard_and_signs_out()
    {
        var page = await SignedInPageAsync("admin@facturix.local");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard$"));
        await Expect(page.GetByTestId("kpi-leads")).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        // The redirect comes after the audit row is written: it is there by now.
        var admin = (await App.ActorAsync("admin@facturix.local")).UserId;
        var signOut = (await App.SignInAuditAsync()).Last(r => r.Action == SignInAuditActions.SignedOut && r.ActorId == admin);
        Assert.Equal("127.0.0.1", signOut.Ip);
        Assert.False(string.IsNullOrEmpty(signOut.UserAgent));
        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_error_and_keeps_the_email()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await LoginInput(page, "login-email").FillAsync("manager@facturix.local");
        await LoginInput(page, "login-password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await Expect(LoginInput(page, "login-email")).ToHaveValueAsync("manager@facturix.local");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        const string email = "lockout-victim@test.local";
        const string password = "Correct-Horse-42";
        await App.CreateUserAsync(email, Roles.BusinessDeveloper, password);

        var page = await NewPageAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GotoAsync("/Account/Login");
            await LoginInput(page, "login-email").FillAsync(email);
            await LoginInput(page, "login-password").FillAsync($"wrong-{attempt}");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId(attempt < 5 ? "login-error" : "login-locked-out")).ToBeVisibleAsync();
        }

        await page.GotoAsync("/Account/Login");
        await LoginInput(page, "login-email").FillAsync(email);
        await LoginInput(page, "login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-locked-out")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Past_the_email_limit_the_person_reads_a_clear_message_and_keeps_the_email()
    {
        // An app of this test's own with the default limits (the shared one has limits no journey reaches).
        await using var app = new AppServer(seedDemo: false, signInThrottle: new Dictionary<string, string?>());
        await app.StartAsync();
        const string email = "rate-limited-journey@test.local";
        await app.CreateUserAsync(email, Roles.BusinessDeveloper);

        var page = await NewPageAsync(app);
        var limit = new SignInThrottleOptions().PerEmail.TokenLimit;
        for (var attempt = 1; attempt <= limit + 1; attempt++)
        {
            await page.GotoAsync("/Account/Login");
            await LoginInput(page, "login-email").FillAsync(email);
            await LoginInput(page, "login-password").FillAsync($"wrong-{attempt}");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId(attempt <= limit ? "login-error" : "login-rate-limited")).ToBeVisibleAsync();
        }

        await Expect(page.GetByTestId("login-rate-limited")).ToContainTextAsync("Trop de tentatives");
        await Expect(LoginInput(page, "login-email")).ToHaveValueAsync(email);
        await Expect(LoginInput(page, "login-password")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task Pages_behind_sign_in_send_a_stranger_to_the_login_page()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login\\?ReturnUrl=%2Fdashboard"));
    }
}
