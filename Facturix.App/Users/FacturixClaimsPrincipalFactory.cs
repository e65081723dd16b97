using System.Security.Claims;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Facturix.App.Users;

/// <summary>
/// What the cookie says about the person: who they are (id, user name, email, security stamp) and their display
/// name, so the shell can greet them without a database round-trip. Deliberately no role claims: what someone may
/// do is read from the database (<see cref="Facturix.Domain.Users.IActorResolver"/>) and follows changes live, so
/// a role in a cookie could only ever be stale.
/// </summary>
public sealed class FacturixClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(userManager, options)
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
