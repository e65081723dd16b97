using Facturix.App.Users;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace Facturix.App.Shell;

public static class ShellSetup
{
    /// <summary>
    /// MudBlazor, the <see cref="ActorAccessor"/>, the circuit's revalidating authentication state and the claims
    /// factory that puts the display name in the cookie. Call it AFTER <c>AddFacturixIdentity()</c>: it replaces
    /// Identity's <see cref="IUserClaimsPrincipalFactory{TUser}"/>. <c>AddCascadingAuthenticationState()</c> is not
    /// called here (Program.cs does it; calling it twice would cascade the state twice).
    /// </summary>
    public static IServiceCollection AddFacturixShell(this IServiceCollection services)
    {
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.PreventDuplicates = true;
            config.SnackbarConfiguration.ShowTransitionDuration = 150;
            config.SnackbarConfiguration.HideTransitionDuration = 150;
            config.SnackbarConfiguration.VisibleStateDuration = 5000;
            // Opaque toasts: MudBlazor's default 95 % lets the page through, and an info toast's words then read at 4.4:1
            // on its blended blue instead of the palette's 5.2:1, under WCAG AA (axe, ADR 0090).
            config.SnackbarConfiguration.MaximumOpacity = 100;
        });

        services.AddHttpContextAccessor();
        // MudBlazor's own texts (pager, dialogs, pickers) in French; English stays MudBlazor's.
        services.Replace(ServiceDescriptor.Transient<MudLocalizer, Facturix.App.Localization.FacturixMudLocalizer>());
        services.AddScoped<ActorAccessor>();
        // Page policies from capabilities: [RequireCapability(...)] and the default "active staff member" policy.
        services.AddAuthorization(options => options.DefaultPolicy = CapabilityPolicies.ActiveStaff);
        services.AddSingleton<IAuthorizationPolicyProvider, CapabilityPolicies>();
        services.AddScoped<IAuthorizationHandler, CapabilityAuthorizationHandler>();
        services.AddSingleton<UserClock>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.Replace(ServiceDescriptor.Scoped<IUserClaimsPrincipalFactory<AppUser>, FacturixClaimsPrincipalFactory>());
        // Infrastructure registers every Domain validator already; TryAdd keeps the sign-in page working without it.
        services.TryAddSingleton<SignInInputValidator>();
        services.AddFacturixErrors();
        return services;
    }

    /// <summary>
    /// The error plumbing every component uses: <see cref="ErrorText"/> (codes to French/English words) and
    /// <see cref="UiErrors"/> (fields, toasts, logs). Needs MudBlazor's snackbar and localization. Separate from
    /// <see cref="AddFacturixShell"/> so component tests can have the real thing without Identity.
    /// </summary>
    public static IServiceCollection AddFacturixErrors(this IServiceCollection services)
    {
        services.TryAddSingleton<ErrorText>();
        services.TryAddScoped<UiErrors>();
        services.TryAddScoped<Confirmations>();
        return services;
    }
}
