using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Accounts;

/// <summary>Who is responsible for an account. An assignment is scope (architecture.md): each change is an <see cref="AccessChanged"/>.</summary>
internal sealed partial class AccountService
{
    public async Task<IReadOnlyList<AccountManager>> ListManagerCandidatesAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.AccountsManage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Candidates(db)
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new AccountManager(u.Id, u.Email!, u.DisplayName))
            .ToListAsync(ct);
    }

    public async Task AssignManagerAsync(Actor actor, Guid accountId, Guid managerId, CancellationToken ct = default)
    {
        actor.Demand(Capability.AccountsManage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await FindToChangeAsync(db, actor, accountId, ct);
        // Only staff with the Manager (or Admin) role answer for a client; a BD is scoped through campaigns instead.
        if (!await Candidates(db).AnyAsync(u => u.Id == managerId, ct))
            throw new ConflictException(ErrorCodes.NotAManager, $"user {managerId} cannot manage accounts.");
        var before = await ManagerEmailsAsync(db, accountId, ct);
        if (await db.AccountAssignments.AnyAsync(a => a.AccountId == accountId && a.UserId == managerId, ct)) return;

        var now = clock.GetUtcNow();
        db.AccountAssignments.Add(new AccountAssignment { AccountId = accountId, UserId = managerId, AssignedAt = now });
        var email = await db.Users.Where(u => u.Id == managerId).Select(u => u.Email!).SingleAsync(ct);
        db.Audit(actor, now, "account.manager-assigned", "account", accountId, account.Name,
            new { managers = before }, new { managers = before.Append(email).Order(StringComparer.Ordinal).ToList() });
        db.Publish(new AccountChanged(accountId));
        db.Publish(new AccessChanged(managerId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Refusals.IsUniqueViolation(e, AssignmentKey))
        {
            // Two people assigning the same manager at once both pass the check above; the key keeps one row, and the
            // loser hears why instead of an unexpected error (its audit row and events rolled back with it).
            throw new ConflictException(ErrorCodes.AssignedMeanwhile, $"user {managerId} was assigned to account {accountId} meanwhile.", e);
        }
    }

    public async Task UnassignManagerAsync(Actor actor, Guid accountId, Guid managerId, CancellationToken ct = default)
    {
        actor.Demand(Capability.AccountsManage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await FindToChangeAsync(db, actor, accountId, ct);
        var assignment = await db.AccountAssignments.FirstOrDefaultAsync(a => a.AccountId == accountId && a.UserId == managerId, ct);
        if (assignment is null) return;

        var before = await ManagerEmailsAsync(db, accountId, ct);
        var email = await db.Users.Where(u => u.Id == managerId).Select(u => u.Email!).SingleAsync(ct);
        db.AccountAssignments.Remove(assignment);
        db.Audit(actor, clock.GetUtcNow(), "account.manager-unassigned", "account", accountId, account.Name,
            new { managers = before }, new { managers = before.Where(e => e != email).ToList() });
        db.Publish(new AccountChanged(accountId));
        db.Publish(new AccessChanged(managerId));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The primary key of <c>account_assignments</c> (account, user).</summary>
    internal const string AssignmentKey = "pk_account_assignments";

    /// <summary>
    /// Without agency scope, the account's managers are changed only by one of them. <see cref="Scope.Accounts"/> also
    /// holds the accounts seen through a campaign assignment: taken alone, it let anyone granted
    /// <see cref="Capability.AccountsManage"/> name themselves manager of such a client and so widen their own scope
    /// to all its campaigns, or remove its real managers.
    /// </summary>
    private static async Task DemandManagesAsync(FacturixDb db, Actor actor, Guid accountId, CancellationToken ct)
    {
        if (actor.HasAgencyScope) return;
        var userId = actor.UserId;
        if (!await db.AccountAssignments.AnyAsync(a => a.AccountId == accountId && a.UserId == userId, ct))
            throw new ForbiddenException(ErrorCodes.AccountNotManaged);
    }

    /// <summary>Active users holding the Manager or Admin role.</summary>
    private static IQueryable<AppUser> Candidates(FacturixDb db) =>
        db.Users.Where(u => u.DeactivatedAt == null
            && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Manager || r.Name == Roles.Admin))));

    private static Task<List<string>> ManagerEmailsAsync(FacturixDb db, Guid accountId, CancellationToken ct) =>
        db.AccountAssignments.Where(a => a.AccountId == accountId)
            .Join(db.Users, a => a.UserId, u => u.Id, (_, u) => u.Email!)
            .OrderBy(e => e)
            .ToListAsync(ct);
}
