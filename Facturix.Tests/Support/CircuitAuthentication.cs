using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Facturix.Tests.Support;

/// <summary>
/// A circuit's authentication state outside a browser: this user signed in (or nobody, with null), and, like the
/// server's provider, a way to announce a new state (counted in <see cref="Announcements"/>).
/// <code>using var circuit = new ActorAccessor(new CircuitAuthentication(userId), resolver, liveEvents, new HttpContextAccessor(), logger);</code>
/// </summary>
public sealed class CircuitAuthentication(Guid? userId) : AuthenticationStateProvider, IHostEnvironmentAuthenticationStateProvider
{
    private Task<AuthenticationState> _state = Task.FromResult(new AuthenticationState(userId is null
        ? new ClaimsPrincipal(new ClaimsIdentity())
        : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.Value.ToString())], "test"))));

    public int Announcements { get; private set; }

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state;

    public void SetAuthenticationState(Task<AuthenticationState> authenticationStateTask)
    {
        _state = authenticationStateTask;
        Announcements++;
        NotifyAuthenticationStateChanged(authenticationStateTask);
    }
}
