using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Users;

internal sealed class PermissionMatrix(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : IPermissionMatrix
{
    private static readonly string ManageKey = Capability.PermissionsManage.Key();

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<Capability>>> GetAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.PermissionsManage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var matrix = await ReadAsync(db, ct);
        return matrix.ToDictionary(
            r => r.Key,
            r => (IReadOnlySet<Capability>)r.Value.Select(k => Capabilities.TryParse(k, out var c) ? c : (Capability?)null)
                .OfType<Capability>().ToHashSet(),
            StringComparer.Ordinal);
    }

    public async Task SetAsync(Actor actor, string role, Capability capability, bool granted, CancellationToken ct = default)
    {
        actor.Demand(Capability.PermissionsManage);
        if (!Enum.IsDefined(capability)) throw Refusals.Invalid("Capability", ErrorCodes.CapabilityInvalid, capability);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("role", Guid.Empty);
        var key = capability.Key();
        if (capability == Capability.PermissionsManage && !granted)
        {
            // Nobody could ever edit the matrix again. The rows are locked so that two admins revoking it from the
            // last two roles at the same time cannot both pass: the second one waits, then sees only its own role.
            var holders = await db.RoleCapabilities
                .FromSql($"SELECT * FROM role_capabilities WHERE capability = {ManageKey} FOR UPDATE")
                .AsNoTracking().ToListAsync(ct);
            if (holders.Any(h => h.RoleId == roleId) && holders.All(h => h.RoleId == roleId))
                throw new ConflictException(ErrorCodes.PermissionsLockout, $"{role} is the last role holding permissions.manage.");
        }

        var existing = await db.RoleCapabilities.FirstOrDefaultAsync(rc => rc.RoleId == roleId && rc.Capability == key, ct);
        if ((existing is not null) == granted) return;
        if (granted) db.RoleCapabilities.Add(new RoleCapability { RoleId = roleId, Capability = key });
        else db.RoleCapabilities.Remove(existing!);
        db.Audit(actor, clock.GetUtcNow(), granted ? "permission.granted" : "permission.revoked", "role", roleId, role,
            before: new { capability = key, granted = !granted }, after: new { capability = key, granted });
        db.Publish(new AccessChanged(null));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task ResetToDefaultsAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.PermissionsManage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = await ReadAsync(db, ct);
        var roles = await db.Roles.Select(r => new { r.Id, r.Name }).ToListAsync(ct);

        await db.RoleCapabilities.ExecuteDeleteAsync(ct);
        foreach (var role in roles)
        {
            if (role.Name is null || !RoleCapabilities.Defaults.TryGetValue(role.Name, out var defaults)) continue;
            db.RoleCapabilities.AddRange(defaults.Select(c => new RoleCapability { RoleId = role.Id, Capability = c.Key() }));
        }
        var after = RoleCapabilities.Defaults.ToDictionary(
            r => r.Key, r => (IReadOnlyList<string>)r.Value.Select(c => c.Key()).Order(StringComparer.Ordinal).ToList());
        db.Audit(actor, clock.GetUtcNow(), "permissions.reset", "role", null, "*", before: before, after: after);
        db.Publish(new AccessChanged(null));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Every role with its granted capability keys, sorted (keys unknown to this build included, as stored).</summary>
    private static async Task<Dictionary<string, IReadOnlyList<string>>> ReadAsync(FacturixDb db, CancellationToken ct)
    {
        var rows = await db.Roles
            .Select(r => new { r.Name, Keys = db.RoleCapabilities.Where(rc => rc.RoleId == r.Id).Select(rc => rc.Capability).ToList() })
            .ToListAsync(ct);
        return rows.Where(r => r.Name is not null).ToDictionary(
            r => r.Name!, r => (IReadOnlyList<string>)r.Keys.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }
}
