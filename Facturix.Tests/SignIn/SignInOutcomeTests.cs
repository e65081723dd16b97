using System.Diagnostics;
using System.Net;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.DemoData;
using Facturix.Infrastructure.SignIn;
using Facturix.Infrastructure.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.SignIn;

/// <summary>Sign-in outcomes through the real page over HTTP, on an app of this class's own with limits out of reach.</summary>
public sealed class SignInOutcomeTests : IAsyncLifetime
{
    private readonly AppServer _app = new(seedDemo: false);

    public Task InitializeAsync() => _app.StartAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_outcome_is_audited_with_the_user_when_known_the_typed_email_the_ip_and_the_user_agent()
    {
        var ok = await _app.CreateUserAsync("audit-ok@test.local", Roles.BusinessDeveloper);
        var locked = await _app.CreateUserAsync("audit-locked@test.local", Roles.BusinessDeveloper);
        var inactive = await _app.CreateUserAsync("audit-inactive@test.local", Roles.BusinessDeveloper);
        await WithUserAsync(locked, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15)));
        await WithUserAsync(inactive, (users, user) => { user.DeactivatedAt = DateTimeOffset.UtcNow; return users.UpdateAsync(user); });
        using var client = new LoginClient(_app);

        using (var success = await client.PostAsync("audit-ok@test.local", DemoDataSeeder.DemoPassword))
            Assert.Equal(HttpStatusCode.Redirect, success.StatusCode);
        Assert.True(LoginClient.Shows(await client.SignInAsync("audit-ok@test.local", "not-the-password"), "login-error"));
        Assert.True(LoginClient.Shows(await client.SignInAsync("Audit-Nobody@test.local", "not-the-password"), "login-error"));
        Assert.True(LoginClient.Shows(await client.SignInAsync("audit-locked@test.local", DemoDataSeeder.DemoPassword), "login-locked-out"));
        Assert.True(LoginClient.Shows(await client.SignInAsync("audit-inactive@test.local", DemoDataSeeder.DemoPassword), "login-not-allowed"));
        // Without the password, a deactivated account reads like any wrong password.
        Assert.True(LoginClient.Shows(await client.SignInAsync("audit-inactive@test.local", "not-the-password"), "login-error"));

        var rows = (await _app.SignInAuditAsync()).Where(r => r.Email?.StartsWith("audit-", StringComparison.OrdinalIgnoreCase) == true).ToList();
        Assert.Equal(
            [
                (SignInAuditActions.Succeeded, ok, (Guid?)ok, "audit-ok@test.local"),
                (SignInAuditActions.WrongPassword, null, ok, "audit-ok@test.local"),
                (SignInAuditActions.UnknownEmail, null, null, "Audit-Nobody@test.local"),
                (SignInAuditActions.LockedOut, null, locked, "audit-locked@test.local"),
                (SignInAuditActions.NotAllowed, null, inactive, "audit-inactive@test.local"),
                (SignInAuditActions.WrongPassword, null, inactive, "audit-inactive@test.local"),
            ],
            rows.Select(r => (r.Action, r.ActorId, r.EntityId, r.Email!)));
        Assert.All(rows, r => Assert.Equal(("127.0.0.1", LoginClient.UserAgent), (r.Ip, r.UserAgent)));
    }

    [Fact]
    public async Task The_attempt_that_locks_an_account_announces_an_access_change_for_the_admins_open_users_page()
    {
        var target = await _app.CreateUserAsync("lock-me@test.local", Roles.BusinessDeveloper);
        var announced = new TaskCompletionSource<AccessChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _app.Services.GetRequiredService<ILiveEvents>().Subscribe<AccessChanged>(e =>
        {
            if (e.UserId == target) announced.TrySetResult(e);
            return Task.CompletedTask;
        });
        using var client = new LoginClient(_app);

        for (var attempt = 1; attempt < 5; attempt++)
            Assert.True(LoginClient.Shows(await client.SignInAsync("lock-me@test.local", "not-the-password"), "login-error"));
        Assert.False(announced.Task.IsCompleted);
        Assert.True(LoginClient.Shows(await client.SignInAsync("lock-me@test.local", "not-the-password"), "login-locked-out"));

        Assert.Equal(target, (await announced.Task.WaitAsync(TimeSpan.FromSeconds(30))).UserId);
        Assert.Contains(await _app.SignInAuditAsync(), r => r.Action == SignInAuditActions.LockedOut && r.EntityId == target);
    }

    [Fact]
    public async Task Identity_applies_the_password_policy_with_its_codes()
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "policy@test.local", Email = "policy@test.local", DisplayName = "Policy", EmailConfirmed = true };

        var common = await users.CreateAsync(user, "qwerty123456");
        var short_ = await users.CreateAsync(user, "Sh0rt!pass");

        Assert.Equal([ErrorCodes.PasswordCommon], common.Errors.Select(e => e.Code));
        Assert.Equal([ErrorCodes.PasswordTooShort], short_.Errors.Select(e => e.Code));
        Assert.True((await users.CreateAsync(user, "a calm violet tramway")).Succeeded);
    }

    private async Task WithUserAsync(Guid id, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new InvalidOperationException($"No user {id}.");
        var result = await change(users, user);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>The alert's markup: same hook, same words.</summary>
    private static string Alert(string html)
    {
        var start = html.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no alert on the page");
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);
}
