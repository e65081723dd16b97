using Facturix.Domain.Audit;
using Facturix.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Facturix.Infrastructure.Users.Sessions;

/// <summary>
/// Identity's EF user store, plus: when a user's security stamp changes (a password changed or reset, an
/// explicit <c>UpdateSecurityStampAsync</c>), the same save ends all their sessions; a password changed or reset is
/// audited in that save too. Hooked here rather than in
/// each caller so that no path through <c>UserManager</c> can forget it.
/// </summary>
internal sealed class SessionEndingUserStore(FacturixDb context, TimeProvider clock, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, AppRole, FacturixDb, Guid>(context, describer)
{
    /// <summary>Audit action of a password changed or reset through Identity (whoever did it: the store cannot tell).</summary>
    public const string PasswordChangedAction = "user.password-changed";

    private readonly HashSet<Guid> _stampChanged = [];
    private readonly HashSet<Guid> _passwordChanged = [];

    public override Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken = default)
    {
        if (user.PasswordHash != passwordHash)
            _passwordChanged.Add(user.Id);
        return base.SetPasswordHashAsync(user, passwordHash, cancellationToken);
    }

    public override Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        // A new user's first password is no change to audit.
        _passwordChanged.Remove(user.Id);
        return base.CreateAsync(user, cancellationToken);
    }

    public override Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken cancellationToken = default)
    {
        // UserManager sets a new stamp then saves through UpdateAsync; a new user's first stamp is no change.
        if (user.SecurityStamp is not null && user.SecurityStamp != stamp)
            _stampChanged.Add(user.Id);
        return base.SetSecurityStampAsync(user, stamp, cancellationToken);
    }

    public override async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        if (_passwordChanged.Remove(user.Id))
            Context.AuditEvents.Add(new AuditEvent
            {
                OccurredAt = clock.GetUtcNow(), ActorId = null, Action = PasswordChangedAction, EntityType = "user", EntityId = user.Id,
            });
        if (_stampChanged.Remove(user.Id))
            await SessionRevocation.StageAllOfAsync(Context, user.Id, actorId: null, "security-stamp-changed", clock.GetUtcNow(), cancellationToken);
        return await base.UpdateAsync(user, cancellationToken);
    }
}
