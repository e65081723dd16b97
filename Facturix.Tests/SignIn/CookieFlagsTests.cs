using System.Net;
using Facturix.Domain.Users;
using Facturix.Infrastructure.DemoData;

namespace Facturix.Tests.SignIn;

/// <summary>
/// The cookies the app sets are out of a script's reach and do not travel with cross-site requests; /health sets
/// none. (Secure-only cookies outside Development: <see cref="ProductionTransportTests"/>.)
/// </summary>
public sealed class CookieFlagsTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_sign_in_and_antiforgery_cookies_are_http_only_and_same_site_and_health_sets_none()
    {
        var email = $"cookies-{Guid.NewGuid():N}@test.local";
        await App.CreateUserAsync(email, Roles.BusinessDeveloper);
        using var plain = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };

        using var signInPage = await plain.GetAsync("/Account/Login");
        var antiforgery = SetCookies(signInPage).Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        AssertFlags(antiforgery);

        using var client = new LoginClient(App);
        using var signedIn = await client.PostAsync(email, DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = SetCookies(signedIn).Single(c => c.StartsWith("facturix.auth=", StringComparison.Ordinal));
        AssertFlags(auth);

        using var health = await plain.GetAsync("/health");
        Assert.Empty(SetCookies(health));
    }

    private static IReadOnlyList<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

    private static void AssertFlags(string setCookie)
    {
        var attributes = setCookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains(attributes, a => a is "samesite=lax" or "samesite=strict");
        Assert.Contains("path=/", attributes);
    }
}
