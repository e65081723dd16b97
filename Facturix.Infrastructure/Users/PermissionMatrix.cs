using System.Text.Json;
using Facturix.Domain.Audit;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Users;

internal sealed class PermissionMatrix(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : IPermissionMatrix
{
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<Capability>>> GetAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.PermissionsManage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Roles
            .Select(r => new { r.Name, Keys = db.RoleCapabilities.Where(rc => rc.RoleId == r.Id).Select(rc => rc.Capability).ToList() })
            .ToListAsync(ct);
        return rows.ToDictionary(
            r => r.Name!,
            r => (IReadOnlySet<Capability>)r.Keys.Select(k => Capabilities.TryParse(k, out var c) ? c : (Capability?)null)
                .OfType<Capability>().ToHashSet(),
            StringComparer.Ordinal);
    }

    public async Task SetAsync(Actor actor, string role, Capability capability, bool granted, CancellationToken ct = default)
    {
        actor.Demand(Capability.PermissionsManage);
        if (!Enum.IsDefined(capability)) throw new ArgumentOutOfRangeException(nameof(capability));
        // Nobody could ever edit the matrix again.
        if (role == Roles.Admin && capability == Capability.PermissionsManage && !granted)
            throw new ConflictException(ErrorCodes.PermissionsLockout, "Admins keep permissions.manage.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("role", Guid.Empty);
        var key = capability.Key();
        var existing = await db.RoleCapabilities.FirstOrDefaultAsync(rc => rc.RoleId == roleId && rc.Capability == key, ct);
        if ((existing is not null) == granted) return;
        if (granted) db.RoleCapabilities.Add(new RoleCapability { RoleId = roleId, Capability = key });
        else db.RoleCapabilities.Remove(existing!);
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = clock.GetUtcNow(), ActorId = actor.UserId, Action = granted ? "permission.granted" : "permission.revoked",
            EntityType = "role", EntityId = roleId, Details = JsonSerializer.Serialize(new { role, capability = key }),
        });
        db.Publish(new AccessChanged(null));
        await db.SaveChangesAsync(ct);
    }
}
