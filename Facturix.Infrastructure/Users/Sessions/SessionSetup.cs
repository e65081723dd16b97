using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.Users.Sessions;

internal static class SessionSetup
{
    /// <summary>
    /// The sign-in cookie keeps its ticket in <c>auth_sessions</c> (decision 0013). Lifetimes come from
    /// <c>Facturix:Sessions</c>; the cookie itself lives as long as the absolute lifetime and does not slide: the
    /// idle expiry slides on the server, where it can also be cut short.
    /// </summary>
    public static IServiceCollection AddFacturixSessions(this IServiceCollection services)
    {
        services.AddOptions<AuthSessionOptions>().BindConfiguration(AuthSessionOptions.Section);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<ITicketStore, IOptions<AuthSessionOptions>>((cookie, store, sessions) =>
            {
                cookie.SessionStore = store;
                cookie.ExpireTimeSpan = sessions.Value.AbsoluteLifetime;
                cookie.SlidingExpiration = false;
                cookie.Events.OnValidatePrincipal = KeepSessionIdAsync(cookie.Events.OnValidatePrincipal);
            });
        return services;
    }

    /// <summary>
    /// Identity's security stamp check may replace the principal with a freshly built one, which lacks the session id
    /// the store added: put it back, or a circuit started on that request could not check its session.
    /// </summary>
    private static Func<CookieValidatePrincipalContext, Task> KeepSessionIdAsync(Func<CookieValidatePrincipalContext, Task> inner) =>
        async context =>
        {
            var sessionId = context.Principal?.FindFirst(SessionClaims.SessionId)?.Value;
            await inner(context);
            if (sessionId is not null
                && context.Principal?.Identity is ClaimsIdentity identity
                && !identity.HasClaim(c => c.Type == SessionClaims.SessionId))
                identity.AddClaim(new Claim(SessionClaims.SessionId, sessionId));
        };
}
