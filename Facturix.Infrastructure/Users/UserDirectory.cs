using System.Text.Json;
using Facturix.Domain.Audit;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users.Sessions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Users;

internal sealed class UserDirectory(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : IUserDirectory
{
    private static readonly RoleSetValidator RolesValidator = new();

    public async Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.UsersManage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await Scope.Users(db, actor)
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.DeactivatedAt,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new UserSummary(r.Id, r.Email ?? "", r.DisplayName, r.Roles, r.LockoutEnd > now, r.DeactivatedAt is null)).ToList();
    }

    public async Task SetRolesAsync(Actor actor, Guid userId, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        actor.Demand(Capability.UsersManage);
        await RolesValidator.ValidateAndThrowAsync(roles, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await Scope.Users(db, actor).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw new NotFoundException("user", userId);
        var wanted = await db.Roles.Where(r => roles.Contains(r.Name!)).ToListAsync(ct);
        var current = await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(ct);
        db.UserRoles.RemoveRange(current.Where(ur => wanted.All(r => r.Id != ur.RoleId)));
        db.UserRoles.AddRange(wanted.Where(r => current.All(ur => ur.RoleId != r.Id))
            .Select(r => new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = user.Id, RoleId = r.Id }));
        db.AuditEvents.Add(Audit(actor, "user.roles-changed", user.Id, new { roles = wanted.Select(r => r.Name).Order() }));
        db.Publish(new AccessChanged(user.Id));
        await db.SaveChangesAsync(ct);
    }

    public async Task SetActiveAsync(Actor actor, Guid userId, bool active, CancellationToken ct = default)
    {
        actor.Demand(Capability.UsersManage);
        if (userId == actor.UserId && !active)
            throw new ConflictException(ErrorCodes.SelfDeactivation, "An admin cannot deactivate their own account.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await Scope.Users(db, actor).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw new NotFoundException("user", userId);
        if ((user.DeactivatedAt is null) == active) return;
        user.DeactivatedAt = active ? null : clock.GetUtcNow();
        db.AuditEvents.Add(Audit(actor, active ? "user.reactivated" : "user.deactivated", user.Id, null));
        // A deactivated person is signed out everywhere, in the same commit (open tabs go to sign-in).
        if (!active)
            await SessionRevocation.StageAllOfAsync(db, user.Id, actor.UserId, "user-deactivated", clock.GetUtcNow(), ct);
        db.Publish(new AccessChanged(user.Id));
        await db.SaveChangesAsync(ct);
    }

    private AuditEvent Audit(Actor actor, string action, Guid userId, object? details) => new()
    {
        OccurredAt = clock.GetUtcNow(), ActorId = actor.UserId, Action = action, EntityType = "user", EntityId = userId,
        Details = details is null ? null : JsonSerializer.Serialize(details),
    };
}
