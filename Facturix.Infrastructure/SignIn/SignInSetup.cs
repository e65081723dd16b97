using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Facturix.Infrastructure.SignIn;

public static class SignInSetup
{
    /// <summary>
    /// The hardened sign-in (ASVS 2.1, 2.2, 7.2): password policy replacing Identity's composition rules,
    /// throttle (limits from <see cref="SignInThrottleOptions.Section"/>), audit, and the sign-in flow.
    /// Call after <c>AddFacturixIdentity</c>.
    /// </summary>
    public static IServiceCollection AddFacturixSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        // One policy, with our codes: Identity's own validator would report the length twice, under its code.
        services.RemoveAll<IPasswordValidator<AppUser>>();
        services.AddScoped<IPasswordValidator<AppUser>, PasswordPolicyValidator>();

        services.AddOptions<SignInThrottleOptions>()
            .Bind(configuration.GetSection(SignInThrottleOptions.Section))
            // A bucket of zero would refuse every sign-in: fail at start, not at the first sign-in.
            .Validate(o => o.PerClientIp.IsValid && o.PerEmail.IsValid && o.AuditedRefusalsPerClientIp.IsValid,
                $"{SignInThrottleOptions.Section}: every bucket needs TokenLimit, TokensPerPeriod and ReplenishmentPeriod above zero.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<ISignInAudit, SignInAudit>();
        services.AddScoped<ISignInService, SignInService>();
        return services;
    }
}
