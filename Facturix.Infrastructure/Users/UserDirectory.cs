using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Users;

internal sealed class UserDirectory(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : IUserDirectory
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only admins list users.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await db.Users
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new UserSummary(r.Id, r.Email ?? "", r.DisplayName, r.Roles, r.LockoutEnd > now)).ToList();
    }
}
