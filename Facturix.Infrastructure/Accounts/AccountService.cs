using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Accounts;

/// <summary>
/// Writes of <see cref="IAccountService"/>: account lifecycle here, managers in <c>AccountService.Managers.cs</c>,
/// reads in <c>AccountService.Reads.cs</c> (one class, split by concern, so the interface has one implementation).
/// </summary>
internal sealed partial class AccountService(
    IDbContextFactory<FacturixDb> dbFactory,
    IValidator<AccountInput> validator,
    TimeProvider clock) : IAccountService
{
    public async Task<Guid> CreateAsync(Actor actor, AccountInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.AccountsManage);
        await validator.ValidateAndThrowAsync(input, ct);

        var now = clock.GetUtcNow();
        var account = new Account { Id = Guid.CreateVersion7(now), Name = "", CreatedAt = now, UpdatedAt = now };
        Apply(account, input);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Accounts.Add(account);
        if (!actor.HasAgencyScope)
        {
            // A manager scoped to their accounts would otherwise lose sight of the account they just created.
            db.AccountAssignments.Add(new AccountAssignment { AccountId = account.Id, UserId = actor.UserId, AssignedAt = now });
            db.Publish(new AccessChanged(actor.UserId));
        }
        db.Audit(actor, now, "account.created", "account", account.Id, account.Name, after: Snapshot(account));
        db.Publish(new AccountChanged(account.Id));
        await db.SaveChangesAsync(ct);
        return account.Id;
    }

    public async Task UpdateAsync(Actor actor, Guid accountId, AccountInput input, uint expectedVersion, CancellationToken ct = default)
    {
        actor.Demand(Capability.AccountsManage);
        await validator.ValidateAndThrowAsync(input, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await FindToChangeAsync(db, actor, accountId, ct);
        var before = Snapshot(account);
        // The row version the person's form was read at: SaveChanges updates WHERE xmin = it, so a save made by
        // someone else since then matches no row and ends in a conflict instead of being overwritten.
        db.Entry(account).Property(a => a.Version).OriginalValue = expectedVersion;
        Apply(account, input);
        var now = clock.GetUtcNow();
        account.UpdatedAt = now;
        db.Audit(actor, now, "account.updated", "account", account.Id, account.Name, before, Snapshot(account));
        db.Publish(new AccountChanged(account.Id));
        await SaveAsync(db, accountId, ct);
    }

    public Task ArchiveAsync(Actor actor, Guid accountId, CancellationToken ct = default) =>
        SetArchivedAsync(actor, accountId, archived: true, ct);

    public Task RestoreAsync(Actor actor, Guid accountId, CancellationToken ct = default) =>
        SetArchivedAsync(actor, accountId, archived: false, ct);

    private async Task SetArchivedAsync(Actor actor, Guid accountId, bool archived, CancellationToken ct)
    {
        actor.Demand(Capability.AccountsManage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await FindToChangeAsync(db, actor, accountId, ct);
        if ((account.ArchivedAt is not null) == archived) return; // already so: nothing to write or announce

        var now = clock.GetUtcNow();
        var before = new { account.ArchivedAt };
        account.ArchivedAt = archived ? now : null;
        account.UpdatedAt = now;
        db.Audit(actor, now, archived ? "account.archived" : "account.restored", "account", account.Id, account.Name,
            before, new { account.ArchivedAt });
        db.Publish(new AccountChanged(account.Id));
        await SaveAsync(db, accountId, ct);
    }

    public async Task DeleteAsync(Actor actor, Guid accountId, CancellationToken ct = default)
    {
        actor.Demand(Capability.AccountsManage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await FindToChangeAsync(db, actor, accountId, ct);
        // Campaigns carry leads and history: such an account can only be archived. (campaigns.account_id is
        // ON DELETE RESTRICT too, so a campaign created meanwhile still makes the delete fail, below.)
        if (await db.Campaigns.AnyAsync(c => c.AccountId == accountId, ct))
            throw new ConflictException(ErrorCodes.AccountHasCampaigns, $"account {accountId} has campaigns.");

        var managers = await db.AccountAssignments.Where(a => a.AccountId == accountId).Select(a => a.UserId).ToListAsync(ct);
        db.Accounts.Remove(account);
        db.Audit(actor, clock.GetUtcNow(), "account.deleted", "account", account.Id, account.Name, before: Snapshot(account));
        db.Publish(new AccountChanged(account.Id));
        foreach (var manager in managers)
            db.Publish(new AccessChanged(manager)); // their assignment goes with the account (cascade)
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            throw new ConflictException(ErrorCodes.AccountHasCampaigns, $"account {accountId} gained a campaign.", ex);
        }
    }

    /// <summary>
    /// The account to edit, archive, restore or delete: in the actor's scope (out of scope and missing look the same, we
    /// never reveal which), and, without agency scope, one they manage. Scope also holds clients seen only through a
    /// campaign assignment, which a manager may read but not change, as for its managers (DemandManagesAsync).
    /// </summary>
    private static async Task<Account> FindToChangeAsync(FacturixDb db, Actor actor, Guid accountId, CancellationToken ct)
    {
        var account = await Scope.Accounts(db, actor).FirstOrDefaultAsync(a => a.Id == accountId, ct)
            ?? throw new NotFoundException("account", accountId);
        await DemandManagesAsync(db, actor, accountId, ct);
        return account;
    }

    private static async Task SaveAsync(FacturixDb db, Guid accountId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ConflictException.Concurrency("account", accountId, ex);
        }
    }

    /// <summary>Copies the validated input, trimmed, blanks as null, the phone in E.164.</summary>
    private static void Apply(Account account, AccountInput input)
    {
        account.Name = input.Name.Trim();
        account.Industry = Clean(input.Industry);
        account.Website = Clean(input.Website);
        account.Siren = AccountRules.SirenDigits(input.Siren);
        account.City = Clean(input.City);
        account.Country = input.Country;
        account.Status = input.Status;
        account.ClientContactName = Clean(input.ClientContactName);
        account.ClientContactEmail = Clean(input.ClientContactEmail);
        account.ClientContactPhone = AccountRules.ToE164(input.ClientContactPhone, input.Country);
        account.Notes = Clean(input.Notes);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>What the audit log keeps of an account before and after a change (notes left out: free text, possibly long).</summary>
    private static object Snapshot(Account a) => new
    {
        a.Name, a.Industry, a.Website, a.Siren, a.City, a.Country, Status = a.Status.ToString(),
        a.ClientContactName, a.ClientContactEmail, a.ClientContactPhone, a.ArchivedAt,
    };
}
