using Facturix.Domain.Users;
using Facturix.Infrastructure.SignIn;
using Facturix.Infrastructure.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.SignIn;

/// <summary>
/// The limits through the real page, each test on an app of its own (the journeys' shared app has limits no one
/// reaches, since every journey signs in from 127.0.0.1).
/// </summary>
public sealed class SignInLimitsTests
{
    [Fact]
    public async Task A_password_spray_over_twenty_accounts_from_one_address_is_rate_limited()
    {
        // Ten attempts per address and no refill during the test, so the cut is exact; per email: the app's default.
        await using var app = await StartAsync(new Dictionary<string, string?>
        {
            ["PerClientIp:TokenLimit"] = "10", ["PerClientIp:TokensPerPeriod"] = "1", ["PerClientIp:ReplenishmentPeriod"] = "01:00:00",
        });
        var victims = Enumerable.Range(1, 20).Select(i => $"spray-{i}@test.local").ToList();
        foreach (var victim in victims) await app.CreateUserAsync(victim, Roles.BusinessDeveloper);

        using var client = new LoginClient(app);
        var pages = new List<string>();
        foreach (var victim in victims) pages.Add(await client.SignInAsync(victim, "Summer2026!!"));

        Assert.All(pages.Take(10), html => Assert.True(LoginClient.Shows(html, "login-error")));
        Assert.All(pages.Skip(10), html => Assert.True(LoginClient.Shows(html, "login-rate-limited")));
        Assert.Equal(victims[^1], LoginClient.EmailValue(pages[^1])); // the typed email is kept
        var limited = (await app.SignInAuditAsync()).Where(r => r.Action == SignInAuditActions.RateLimited).ToList();
        Assert.Equal(victims.Skip(10), limited.Select(r => r.Email));
        Assert.All(limited, r => Assert.Equal(("127.0.0.1", LoginClient.UserAgent), (r.Ip, r.UserAgent)));
    }

    [Fact]
    public async Task With_the_default_limits_quick_wrong_passwords_cannot_lock_someone_else_out()
    {
        await using var app = await StartAsync(new Dictionary<string, string?>()); // the app's own defaults
        const string victim = "quick-lockout-victim@test.local";
        await app.CreateUserAsync(victim, Roles.BusinessDeveloper);

        using var client = new LoginClient(app);
        var pages = new List<string>();
        for (var attempt = 1; attempt <= 8; attempt++) pages.Add(await client.SignInAsync(victim, $"not-it-{attempt}"));

        var limit = new SignInThrottleOptions().PerEmail.TokenLimit;
        Assert.All(pages.Take(limit), html => Assert.True(LoginClient.Shows(html, "login-error")));
        Assert.All(pages.Skip(limit), html => Assert.True(LoginClient.Shows(html, "login-rate-limited")));
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(victim);
        Assert.False(await users.IsLockedOutAsync(user!));
        Assert.Equal(limit, await users.GetAccessFailedCountAsync(user!));
    }

    private static async Task<AppServer> StartAsync(IReadOnlyDictionary<string, string?> throttle)
    {
        var app = new AppServer(seedDemo: false, signInThrottle: throttle);
        await app.StartAsync();
        return app;
    }
}
