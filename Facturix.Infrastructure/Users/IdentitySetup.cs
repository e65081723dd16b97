using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Facturix.Infrastructure.Users;

public static class IdentitySetup
{
    /// <summary>
    /// ASP.NET Core Identity on PostgreSQL with cookie sign-in: lockout after 5 failed attempts,
    /// a password policy that favours length over symbol rules, Page policies come from capabilities (App: Users/CapabilityPolicies).
    /// </summary>
    public static IServiceCollection AddFacturixIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // ASVS 2.1: length, no composition rules; the rest of the policy is SignIn/PasswordPolicyValidator.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                // "Confirmed" means "not deactivated" (ActiveUserConfirmation): a deactivated user cannot sign in.
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<FacturixDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.Replace(ServiceDescriptor.Scoped<IUserConfirmation<AppUser>, ActiveUserConfirmation>());
        // A changed security stamp (password change or reset) ends the user's sessions in the same save.
        services.Replace(ServiceDescriptor.Scoped<IUserStore<AppUser>, SessionEndingUserStore>());

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "facturix.auth";
        });
        services.AddFacturixSessions();

        return services;
    }
}
