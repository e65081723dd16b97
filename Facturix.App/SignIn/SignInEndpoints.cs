using Facturix.App.Localization;
using Facturix.App.Shell;
using Facturix.Domain.Users;
using Facturix.Infrastructure.SignIn;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Facturix.App.SignIn;

/// <summary>The sign-in actions that are plain HTTP (they set or clear cookies), next to the static sign-in pages.</summary>
public static class SignInEndpoints
{
    public const string LoginPath = "/Account/Login";
    public const string LogoutPath = "/Account/Logout";
    public const string LogoutEverywherePath = "/Account/LogoutEverywhere";
    public const string SetCulturePath = "/Account/SetCulture";

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        // POST only, with the antiforgery token the user menu's form carries (<AntiforgeryToken />). Checked here
        // explicitly: UseAntiforgery only looks at form-encoded bodies, and a sign-out must not be forgeable at all.
        app.MapPost(LogoutPath, async (HttpContext httpContext, IAntiforgery antiforgery, SignInManager<AppUser> signInManager, ISignInAudit audit) =>
            {
                if (!await antiforgery.IsRequestValidAsync(httpContext))
                    return Results.BadRequest();
                var userId = signInManager.UserManager.GetUserId(httpContext.User);
                await signInManager.SignOutAsync();
                if (Guid.TryParse(userId, out var signedOut))
                    await audit.RecordAsync(SignInAuditActions.SignedOut, signedOut, null, httpContext.SignInClient());
                return Results.LocalRedirect(LoginPath);
            })
            .DisableAntiforgery() // validated above, whatever the content type
            .AllowAnonymous()
            .ExcludeFromDescription();

        // Same guard as the sign-out above; ends every session of the person (other browsers' tabs go to sign-in
        // live), then clears this browser's cookie.
        app.MapPost(LogoutEverywherePath, async (
                HttpContext httpContext,
                IAntiforgery antiforgery,
                SignInManager<AppUser> signInManager,
                ActorAccessor actors,
                ISessionService sessions,
                CancellationToken ct) =>
            {
                if (!await antiforgery.IsRequestValidAsync(httpContext))
                    return Results.BadRequest();
                var actor = await actors.ForPrincipalAsync(httpContext.User);
                if (actor is { IsActive: true })
                    await sessions.EndAllAsync(actor, actor.UserId, ct);
                await signInManager.SignOutAsync();
                return Results.LocalRedirect(LoginPath);
            })
            .DisableAntiforgery() // validated above, whatever the content type
            .AllowAnonymous()
            .ExcludeFromDescription();

        // Blazor Server fixes the culture per circuit, so the language switch reloads the page through here:
        // cookie for this browser, saved preference for the person (when signed in), then back where they were.
        // POST with the antiforgery token of the switch's form: it writes a saved preference, so a link on another
        // site must not be able to trigger it (a GET here would be a CSRF). There is no GET any more.
        app.MapPost(SetCulturePath, async (
                HttpContext httpContext,
                IAntiforgery antiforgery,
                IUserPreferencesService preferences,
                ActorAccessor actors,
                CancellationToken ct) =>
            {
                if (!httpContext.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(httpContext))
                    return Results.BadRequest();
                var form = await httpContext.Request.ReadFormAsync(ct);
                string? returnUrl = form["returnUrl"];

                var normalized = UserPreferences.NormalizeCulture(form["culture"]);
                httpContext.Response.SetCultureCookie(normalized);

                var actor = await actors.ForPrincipalAsync(httpContext.User);
                if (actor is { IsActive: true })
                    await preferences.SetCultureAsync(actor, normalized, ct);

                return Results.LocalRedirect(LocalUrl.IsLocal(returnUrl) ? returnUrl! : LocalUrl.Dashboard);
            })
            .DisableAntiforgery() // validated above, so a missing token is a 400 whatever the content type
            .AllowAnonymous()
            .ExcludeFromDescription();

        return app;
    }
}
