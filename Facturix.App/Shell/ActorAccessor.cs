using System.Security.Claims;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.Components.Authorization;

namespace Facturix.App.Shell;

/// <summary>
/// Turns the signed-in person (the circuit's or the request's <see cref="AuthenticationStateProvider"/>) into the
/// <see cref="Actor"/> every domain service takes. Scoped: one per circuit, and one per request when prerendering.
/// The principal is read on every call, never cached, so a sign-out seen by revalidation is honoured at once.
/// </summary>
public sealed class ActorAccessor(AuthenticationStateProvider authenticationStateProvider)
{
    /// <summary>The acting user. Throws <see cref="InvalidOperationException"/> when nobody is signed in.</summary>
    public async Task<Actor> GetActorAsync() =>
        await TryGetActorAsync().ConfigureAwait(false)
        ?? throw new InvalidOperationException("No signed-in user: this component must run behind [Authorize].");

    /// <summary>The acting user, or null when the visitor is anonymous (login, not-found and error pages).</summary>
    public async Task<Actor?> TryGetActorAsync()
    {
        var state = await authenticationStateProvider.GetAuthenticationStateAsync().ConfigureAwait(false);
        return FromPrincipal(state.User);
    }

    /// <summary>
    /// Builds an actor from Identity's standard claims: <see cref="ClaimTypes.NameIdentifier"/> (the user's Guid),
    /// <see cref="ClaimTypes.Email"/> (or <see cref="ClaimTypes.Name"/> when no email claim is present) and every
    /// <see cref="ClaimTypes.Role"/>. Returns null for an anonymous principal or one without a Guid id.
    /// Also used by the minimal-API endpoints, which build the actor from <c>HttpContext.User</c>.
    /// </summary>
    public static Actor? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
            return null;
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            return null;

        var email = principal.FindFirstValue(ClaimTypes.Email)
            ?? principal.FindFirstValue(ClaimTypes.Name)
            ?? string.Empty;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value);
        return new Actor(userId, email, new HashSet<string>(roles, StringComparer.Ordinal));
    }
}
