using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Leads;
using Facturix.Infrastructure.Users.Sessions;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Facturix.Infrastructure.Users;

/// <summary>
/// Staff management. Writes go straight through EF rather than <c>UserManager</c> (decision 0024): a creation or a
/// reset is then one commit with its role, audit row, ended sessions and live event, and the service stays a
/// singleton like the others. The last-active-admin guard serialises on the Admin role's row (decision 0025).
/// </summary>
internal sealed class UserDirectory(
    IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock, IValidator<NewUserInput> newUserValidator, GeneratedPasswords passwords)
    : IUserDirectory
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

    public async Task<CreatedUser> CreateAsync(Actor actor, NewUserInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.UsersManage);
        // Stray spaces from a paste are not part of an address or a name.
        var clean = new NewUserInput { Email = input.Email.Trim(), DisplayName = input.DisplayName.Trim(), Role = input.Role };
        await newUserValidator.ValidateAndThrowAsync(clean, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Identity's lookup normaliser (UpperInvariantLookupNormalizer), so sign-in finds the user by this email.
        var normalized = clean.Email.Normalize().ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized || u.NormalizedUserName == normalized, ct))
            throw EmailTaken(clean.Email);
        var roleId = await db.Roles.Where(r => r.Name == clean.Role).Select(r => r.Id).SingleAsync(ct);

        var now = clock.GetUtcNow();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), Email = clean.Email, UserName = clean.Email, NormalizedEmail = normalized,
            NormalizedUserName = normalized, DisplayName = clean.DisplayName, SecurityStamp = Guid.NewGuid().ToString("N"),
            // As UserManager.CreateAsync does with Lockout.AllowedForNewUsers: failed sign-ins count towards a lockout.
            LockoutEnabled = true, EmailConfirmed = true, CreatedAt = now,
        };
        var password = passwords.Assign(user);
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
        db.Audit(actor, now, "user.created", "user", user.Id, user.Email,
            after: new { email = user.Email, displayName = user.DisplayName, roles = new[] { clean.Role } });
        db.Publish(new AccessChanged(user.Id));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two admins creating the same person at once: the unique user-name index decides.
            throw EmailTaken(clean.Email);
        }
        return new CreatedUser(user.Id, password);
    }

    public async Task SetRolesAsync(Actor actor, Guid userId, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        actor.Demand(Capability.UsersManage);
        await RolesValidator.ValidateAndThrowAsync(roles, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!roles.Contains(Roles.Admin))
            await LockAdminGuardAsync(db, ct);
        var user = await Scope.Users(db, actor).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw new NotFoundException("user", userId);
        var wanted = await db.Roles.Where(r => roles.Contains(r.Name!)).ToListAsync(ct);
        var current = await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(ct);
        var before = await db.Roles.Where(r => current.Select(c => c.RoleId).Contains(r.Id)).Select(r => r.Name!).ToListAsync(ct);
        if (before.Contains(Roles.Admin) && !roles.Contains(Roles.Admin) && user.DeactivatedAt is null)
            await EnsureAnotherActiveAdminAsync(db, user.Id, ct);

        db.UserRoles.RemoveRange(current.Where(ur => wanted.All(r => r.Id != ur.RoleId)));
        db.UserRoles.AddRange(wanted.Where(r => current.All(ur => ur.RoleId != r.Id))
            .Select(r => new IdentityUserRole<Guid> { UserId = user.Id, RoleId = r.Id }));
        db.Audit(actor, clock.GetUtcNow(), "user.roles-changed", "user", user.Id, user.Email,
            before: new { roles = before.Order() }, after: new { roles = wanted.Select(r => r.Name!).Order() });
        db.Publish(new AccessChanged(user.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task SetActiveAsync(Actor actor, Guid userId, bool active, CancellationToken ct = default)
    {
        actor.Demand(Capability.UsersManage);
        if (userId == actor.UserId && !active)
            throw new ConflictException(ErrorCodes.SelfDeactivation, "An admin cannot deactivate their own account.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!active)
            await LockAdminGuardAsync(db, ct);
        var user = await Scope.Users(db, actor).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw new NotFoundException("user", userId);
        if ((user.DeactivatedAt is null) == active) return;
        var now = clock.GetUtcNow();
        if (!active)
        {
            await EnsureAnotherActiveAdminAsync(db, user.Id, ct);
            // A deactivated person is signed out everywhere and lets go of the leads they hold, in the same commit
            // (open tabs go to sign-in; the leads are callable by others at once, not when the lease runs out).
            await SessionRevocation.StageAllOfAsync(db, user.Id, actor.UserId, "user-deactivated", now, ct);
            await LeadLocks.ReleaseHeldByAsync(db, user.Id, campaignId: null, ct);
        }
        user.DeactivatedAt = active ? null : now;
        db.Audit(actor, now, active ? "user.reactivated" : "user.deactivated", "user", user.Id, user.Email);
        db.Publish(new AccessChanged(user.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<string> ResetPasswordAsync(Actor actor, Guid userId, CancellationToken ct = default)
    {
        actor.Demand(Capability.UsersManage);
        if (userId == actor.UserId)
            throw new ConflictException(ErrorCodes.SelfPasswordReset, "An admin cannot reset their own password from the staff list.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await Scope.Users(db, actor).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw new NotFoundException("user", userId);
        var now = clock.GetUtcNow();
        var password = passwords.Assign(user);
        // What UserManager does on a reset: a new stamp (old cookies are worthless) and a new concurrency stamp (a
        // UserManager holding the old row must not write over this). The admin vouches for the person: lockout lifted.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await SessionRevocation.StageAllOfAsync(db, user.Id, actor.UserId, "password-reset", now, ct);
        db.Audit(actor, now, "user.password-reset", "user", user.Id, user.Email);
        db.Publish(new AccessChanged(user.Id));
        await db.SaveChangesAsync(ct);
        return password;
    }

    /// <summary>
    /// Serialises every change that could remove an active admin (decision 0025): a row lock on the Admin role, held
    /// until commit. Two admins demoting each other at once: the second waits, then counts afresh and is refused.
    /// NO KEY UPDATE, so promotions (which only key-share the role row) are not held up.
    /// </summary>
    private static Task LockAdminGuardAsync(FacturixDb db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            "SELECT 1 FROM \"AspNetRoles\" WHERE normalized_name = 'ADMIN' FOR NO KEY UPDATE", ct);

    /// <summary>Refuses when <paramref name="userId"/> is an active admin and no other active admin exists. Call after <see cref="LockAdminGuardAsync"/>.</summary>
    private static async Task EnsureAnotherActiveAdminAsync(FacturixDb db, Guid userId, CancellationToken ct)
    {
        // A new statement, hence (read committed) a fresh snapshot taken after the lock: it sees a concurrent demotion.
        var activeAdmins = db.Users.Where(u => u.DeactivatedAt == null
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));
        if (await activeAdmins.AnyAsync(u => u.Id == userId, ct) && !await activeAdmins.AnyAsync(u => u.Id != userId, ct))
            throw new ConflictException(ErrorCodes.LastAdmin, $"User {userId} is the last active admin.");
    }

    /// <summary>Frees the leads <paramref name="userId"/> holds in one statement, returning which (to announce them).</summary>
    private static ValidationException EmailTaken(string email) =>
        new([new ValidationFailure(nameof(NewUserInput.Email), "Email already in use.", email) { ErrorCode = ErrorCodes.UserEmailTaken }]);
}
