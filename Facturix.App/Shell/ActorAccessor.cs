using System.Security.Claims;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.Components.Authorization;

namespace Facturix.App.Shell;

/// <summary>
/// The <see cref="Actor"/> of the signed-in person, resolved from the database (roles, capabilities, active state,
/// scope), never from cookie claims: the cookie only says who they are. Scoped, so one per circuit (and one per HTTP
/// request). In a circuit it follows changes live: when an <see cref="AccessChanged"/> event concerns this user (or a
/// resync says events were missed) it re-resolves the actor and re-announces the authentication state, so
/// <c>AuthorizeRouteView</c>, the navigation and every <c>[RequireCapability]</c> page re-check at once.
/// <code>
/// var actor = await ActorAccessor.GetActorAsync();
/// var kpis = await Dashboard.GetKpisAsync(actor);
/// </code>
/// </summary>
public sealed class ActorAccessor(
    AuthenticationStateProvider authenticationStateProvider,
    IActorResolver resolver,
    ILiveEvents liveEvents,
    IHttpContextAccessor httpContextAccessor,
    ILogger<ActorAccessor> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Guid? _userId;
    private Actor? _actor;
    private string? _clientIp;
    private IDisposable? _subscription;
    private bool _disposed;

    /// <summary>The acting user. Throws <see cref="InvalidOperationException"/> when nobody is signed in.</summary>
    public async Task<Actor> GetActorAsync() =>
        await TryGetActorAsync().ConfigureAwait(false)
        ?? throw new InvalidOperationException("No signed-in user: this component must run behind [Authorize].");

    /// <summary>The acting user (inactive when deactivated), or null for an anonymous visitor or an unknown user.</summary>
    public async Task<Actor?> TryGetActorAsync()
    {
        var state = await authenticationStateProvider.GetAuthenticationStateAsync().ConfigureAwait(false);
        return await ForPrincipalAsync(state.User).ConfigureAwait(false);
    }

    /// <summary>The actor for <paramref name="principal"/> (authorization handlers and endpoints, which have the principal at hand).</summary>
    public async Task<Actor?> ForPrincipalAsync(ClaimsPrincipal? principal)
    {
        var userId = UserIdOf(principal);
        if (userId is null) return null;
        if (_userId == userId) return _actor;

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_userId == userId) return _actor;
            // The browser's address, for audit events: the request's, or in a circuit the SignalR connection's (read once,
            // at the circuit's first resolution; behind a proxy the forwarded-headers middleware has set it already).
            _clientIp ??= httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
            _actor = WithClientIp(await resolver.ResolveAsync(userId.Value).ConfigureAwait(false));
            _userId = userId;
            _subscription ??= liveEvents.Subscribe<LiveEvent>(OnLiveEventAsync);
            return _actor;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The user id Identity puts in <see cref="ClaimTypes.NameIdentifier"/>, or null for an anonymous principal.</summary>
    public static Guid? UserIdOf(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;

    private async Task OnLiveEventAsync(LiveEvent liveEvent)
    {
        var userId = _userId;
        if (_disposed || userId is null) return;
        if (liveEvent is not LiveEventsResynced && !(liveEvent is AccessChanged change && change.Concerns(userId.Value))) return;

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _actor = WithClientIp(await resolver.ResolveAsync(userId.Value).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep the previous actor; the next event or page load tries again.
            logger.LogWarning(ex, "Could not re-resolve the access of user {UserId}", userId);
            return;
        }
        finally
        {
            _gate.Release();
        }

        // A fresh AuthenticationState (same principal) makes AuthorizeRouteView and AuthorizeView re-run their
        // policies against the new actor: a page the person may no longer open turns into "access denied".
        // In the app, the re-announcement first re-checks the session: a revoked one signs this tab out at once.
        if (authenticationStateProvider is IdentityRevalidatingAuthenticationStateProvider revalidating)
            await revalidating.RecheckNowAsync().ConfigureAwait(false);
        else if (authenticationStateProvider is IHostEnvironmentAuthenticationStateProvider host)
        {
            var state = await authenticationStateProvider.GetAuthenticationStateAsync().ConfigureAwait(false);
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(state.User)));
        }
    }

    private Actor? WithClientIp(Actor? actor) => actor is null || _clientIp is null ? actor : actor with { ClientIp = _clientIp };

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
    }
}
