using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.SignIn;

/// <summary>The language switch writes a cookie and a saved preference: only a POST with the antiforgery token may.</summary>
public sealed class SetCultureEndpointTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string CultureCookie = ".AspNetCore.Culture";

    [Fact]
    public async Task A_GET_changes_nothing_and_a_POST_without_token_is_refused()
    {
        const string user = "bd3@facturix.local";
        var page = await SignedInPageAsync(user);
        var before = await PreferencesAsync(user);

        var get = await page.Context.APIRequest.GetAsync($"/Account/SetCulture?culture=en&returnUrl=%2Fadmin",
            new APIRequestContextOptions { MaxRedirects = 0 });
        var forged = await page.Context.APIRequest.PostAsync("/Account/SetCulture", new APIRequestContextOptions
        {
            Form = FormFor(page.Context.APIRequest, "en", "/dashboard"),
            MaxRedirects = 0,
        });

        Assert.Contains(get.Status, new[] { 404, 405 }); // POST only: the old GET link finds nothing
        Assert.Equal(400, forged.Status);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == CultureCookie && c.Value.Contains("en", StringComparison.Ordinal));
        Assert.Equal(before.Culture, (await PreferencesAsync(user)).Culture);
    }

    [Fact]
    public async Task On_the_sign_in_page_the_switch_posts_and_comes_back_in_English()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fadmin");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");

        await page.GetByTestId("language-switch").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.EndsWith("/Account/Login?ReturnUrl=%2Fadmin", page.Url, StringComparison.Ordinal);
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == CultureCookie && c.Value.Contains("en", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_return_url_outside_the_app_lands_on_the_dashboard()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        // The real form's token, a forged return URL: the redirect still stays inside the app.
        await page.Locator("form:has([data-testid=language-switch]) input[name=returnUrl]")
            .EvaluateAsync("input => input.value = 'https://evil.example/'");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByTestId("language-switch").ClickAsync(),
            r => r.Url.EndsWith("/Account/SetCulture", StringComparison.Ordinal));

        Assert.Equal(302, response.Status);
        Assert.Equal("/dashboard", response.Headers["location"]);
    }

    private static IFormData FormFor(IAPIRequestContext request, string culture, string returnUrl) =>
        request.CreateFormData().Set("culture", culture).Set("returnUrl", returnUrl);

    private async Task<UserPreferences> PreferencesAsync(string email) =>
        await App.Get<IUserPreferencesService>().GetAsync(await App.ActorAsync(email));
}
