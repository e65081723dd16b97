using System.Security.Claims;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Facturix.App.Users;

/// <summary>
/// Identity's claims (id, user name, email, security stamp, roles) plus the person's display name, so the shell
/// can greet them without a database round-trip on every circuit.
/// </summary>
public sealed class FacturixClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    /// <summary>Claim type carrying <see cref="AppUser.DisplayName"/>.</summary>
    public const string DisplayNameClaimType = "facturix:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
            identity.AddClaim(new Claim(DisplayNameClaimType, user.DisplayName));
        return identity;
    }
}
