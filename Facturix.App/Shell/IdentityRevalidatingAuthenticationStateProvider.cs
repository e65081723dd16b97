using System.Security.Claims;
using Facturix.Infrastructure.Users;
using Facturix.Infrastructure.Users.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Facturix.App.Shell;

/// <summary>
/// Re-checks the circuit's sign-in against the database every minute: its server-side session must still exist,
/// be unexpired and belong to an active user (decision 0013), and the security stamp must not have changed. When
/// it fails, the circuit becomes anonymous and the page sends the person to sign-in. <see cref="ActorAccessor"/>
/// calls <see cref="RecheckNowAsync"/> when an <c>AccessChanged</c> concerns the user, so a revoked session
/// ends open tabs at once rather than within the minute. A check that throws gets one interval's grace.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    ISessionCheck sessions,
    IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly SessionCheckGrace _grace = new(loggerFactory.CreateLogger<IdentityRevalidatingAuthenticationStateProvider>());

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    /// <summary>Checks now; signs the circuit out if the session is gone, otherwise re-announces the same principal.</summary>
    public async Task RecheckNowAsync(CancellationToken cancellationToken = default)
    {
        var state = await GetAuthenticationStateAsync();
        if (state.User.Identity?.IsAuthenticated != true) return;
        var valid = await ValidateAuthenticationStateAsync(state, cancellationToken);
        SetAuthenticationState(Task.FromResult(valid ? new AuthenticationState(state.User) : new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }

    protected override Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        _grace.CheckAsync(async () =>
        {
            var principal = authenticationState.User;
            if (!Guid.TryParse(principal.FindFirstValue(SessionClaims.SessionId), out var sessionId)
                || !await sessions.IsAliveAsync(sessionId, cancellationToken))
                return false;

            await using var scope = scopeFactory.CreateAsyncScope();
            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            return await ValidateSecurityStampAsync(userManager, principal);
        });

    private async Task<bool> ValidateSecurityStampAsync(UserManager<AppUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
            return false;
        if (!userManager.SupportsUserSecurityStamp)
            return true;

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await userManager.GetSecurityStampAsync(user);
        return principalStamp == userStamp;
    }
}
