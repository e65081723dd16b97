using Microsoft.AspNetCore.Identity;

namespace Facturix.Infrastructure.Users;

/// <summary>
/// Identity asks this before every sign-in (RequireConfirmedAccount): a deactivated user is "not allowed", so the
/// sign-in page says so instead of letting them in with a valid password.
/// </summary>
internal sealed class ActiveUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(user.DeactivatedAt is null);
}
