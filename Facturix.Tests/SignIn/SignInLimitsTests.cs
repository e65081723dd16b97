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
    public async Task With_the_default_limits_quick_wrong_passwords_cannot_lock_someone_else_out()
    {
        await using var app = await AppServer.StartOwnAsync(new Dictionary<string, string?>()); // the app's own defaults
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
}
