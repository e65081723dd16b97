using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Users;

/// <summary>Reads a user's roles, the capabilities the stored matrix grants those roles, their active state and their scope.</summary>
internal sealed class ActorResolver(IDbContextFactory<FacturixDb> dbFactory) : IActorResolver
{
    public async Task<Actor?> ResolveAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.DisplayName, u.DeactivatedAt })
            .FirstOrDefaultAsync(ct);
        if (user is null) return null;

        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => new { r.Id, r.Name })
            .ToListAsync(ct);
        var roleIds = roles.Select(r => r.Id).ToList();
        var keys = await db.RoleCapabilities.Where(rc => roleIds.Contains(rc.RoleId))
            .Select(rc => rc.Capability).Distinct().ToListAsync(ct);
        var capabilities = new HashSet<Capability>();
        foreach (var key in keys)
            if (Capabilities.TryParse(key, out var capability)) capabilities.Add(capability);

        var active = user.DeactivatedAt is null;
        var actor = new Actor(userId, user.Email ?? "", user.DisplayName,
            roles.Select(r => r.Name!).ToHashSet(StringComparer.Ordinal), capabilities, active, ScopeSnapshot.Nothing);
        if (!active) return actor;
        if (actor.HasAgencyScope) return actor with { Scope = ScopeSnapshot.WholeAgency };

        var campaigns = await Scope.Campaigns(db, actor).Select(c => new { c.Id, c.AccountId }).ToListAsync(ct);
        var accountIds = await Scope.Accounts(db, actor).Select(a => a.Id).ToListAsync(ct);
        return actor with
        {
            Scope = new ScopeSnapshot(false, accountIds.ToHashSet(), campaigns.Select(c => c.Id).ToHashSet()),
        };
    }
}
