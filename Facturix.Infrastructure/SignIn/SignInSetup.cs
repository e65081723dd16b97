using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Facturix.Infrastructure.SignIn;

public static class SignInSetup
{
    /// <summary>
    /// The hardened sign-in (ASVS 2.1): password policy replacing Identity's composition rules.
    /// Call after <c>AddFacturixIdentity</c>.
    /// </summary>
    public static IServiceCollection AddFacturixSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        // One policy, with our codes: Identity's own validator would report the length twice, under its code.
        services.RemoveAll<IPasswordValidator<AppUser>>();
        services.AddScoped<IPasswordValidator<AppUser>, PasswordPolicyValidator>();
        _ = configuration;
        return services;
    }
}
