using System.Text.RegularExpressions;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.SignIn;

/// <summary>Server-side sessions seen from browsers: a signed-out cookie is dead everywhere, and so are the others on request.</summary>
public sealed class SessionJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly Regex SignInPage = new("/Account/Login");

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_browsers_session_live()
    {
        var email = await NewStaffAsync("everywhere");
        var laptop = await SignedInPageAsync(email);
        var phone = await SignedInPageAsync(email);
        await Expect(phone.GetByTestId("kpi-leads")).ToBeVisibleAsync();

        await laptop.GetByTestId("user-menu").ClickAsync();
        await laptop.GetByTestId("logout-everywhere").ClickAsync();

        await Expect(laptop).ToHaveURLAsync(SignInPage);
        await Expect(phone).ToHaveURLAsync(SignInPage); // the open tab, without a reload
        await phone.GotoAsync("/dashboard");
        await Expect(phone).ToHaveURLAsync(SignInPage);
        var sessions = await App.Get<ISessionService>().ListAsync(await App.ActorAsync(email), (await App.ActorAsync(email)).UserId);
        Assert.Empty(sessions);
    }

    [Fact]
    public async Task A_password_reset_sends_the_persons_open_tab_to_sign_in()
    {
        var email = await NewStaffAsync("reset");
        var page = await SignedInPageAsync(email);
        await Expect(page.GetByTestId("kpi-leads")).ToBeVisibleAsync();

        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(email);
            var reset = await users.ResetPasswordAsync(user!, await users.GeneratePasswordResetTokenAsync(user!), "Another-Password-42");
            Assert.True(reset.Succeeded);
        }

        await Expect(page).ToHaveURLAsync(SignInPage);
    }

    [Fact]
    public async Task Signing_out_everywhere_cannot_be_forged_from_another_site()
    {
        var email = await NewStaffAsync("forged");
        var page = await SignedInPageAsync(email);
        var cookies = await page.Context.CookiesAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = App.BaseAddress };
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/Account/LogoutEverywhere") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));

        var response = await http.SendAsync(forged);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var actor = await App.ActorAsync(email);
        Assert.Single(await App.Get<ISessionService>().ListAsync(actor, actor.UserId));
    }
}
