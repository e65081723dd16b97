using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Accounts;

/// <summary>Assigning a manager gives them the account's scope, live; only managers (or admins) are candidates.</summary>
public sealed class AccountManagersTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private IAccountService Accounts => Get<IAccountService>();

    [Fact]
    public async Task Assigning_a_manager_gives_them_the_account_announces_it_and_is_audited_with_before_and_after()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync("Client");
        var first = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager, "premier@test.local"), account);
        var manager = await Given.UserAsync(Roles.Manager, "second@test.local");
        Assert.False(manager.Scope.CoversAccount(account.Id));
        await using var events = await Fixture.RecordEventsAsync();

        await Accounts.AssignManagerAsync(admin, account.Id, manager.UserId);
        await Accounts.AssignManagerAsync(admin, account.Id, manager.UserId); // twice: no second row, no second audit

        await events.WaitForAsync<AccessChanged>(e => e.UserId == manager.UserId);
        await events.WaitForAsync<AccountChanged>(e => e.AccountId == account.Id);
        var refreshed = await Given.ActorAsync(manager.UserId);
        Assert.True(refreshed.Scope.CoversAccount(account.Id));
        Assert.Equal("Client", (await Accounts.GetAsync(refreshed, account.Id)).Name);
        Assert.Equal(["premier@test.local", "second@test.local"],
            (await Accounts.GetAsync(admin, account.Id)).Managers.Select(m => m.Email).Order());
        await using var db = NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.EntityId == account.Id && e.Action == "account.manager-assigned");
        Assert.Equal(["premier@test.local"], AuditJson.Strings(audit, "before", "managers"));
        Assert.Equal(["premier@test.local", "second@test.local"], AuditJson.Strings(audit, "after", "managers"));
        Assert.NotNull(first);
    }

    [Fact]
    public async Task Removing_a_manager_takes_the_account_away_from_them_live()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync("Client");
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        await using var events = await Fixture.RecordEventsAsync();

        await Accounts.UnassignManagerAsync(admin, account.Id, manager.UserId);

        await events.WaitForAsync<AccessChanged>(e => e.UserId == manager.UserId);
        var refreshed = await Given.ActorAsync(manager.UserId);
        Assert.False(refreshed.Scope.CoversAccount(account.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Accounts.GetAsync(refreshed, account.Id));
        await using var db = NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.EntityId == account.Id && e.Action == "account.manager-unassigned");
        Assert.Single(AuditJson.Strings(audit, "before", "managers"));
        Assert.Empty(AuditJson.Strings(audit, "after", "managers"));
    }

    [Fact]
    public async Task Only_active_managers_and_admins_are_candidates_and_a_BD_is_refused()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync();
        var manager = await Given.UserAsync(Roles.Manager);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);

        var candidates = await Accounts.ListManagerCandidatesAsync(admin);
        var error = await Assert.ThrowsAsync<ConflictException>(() => Accounts.AssignManagerAsync(admin, account.Id, bd.UserId));

        Assert.Equal(ErrorCodes.NotAManager, error.Code);
        Assert.Contains(candidates, c => c.UserId == manager.UserId);
        Assert.Contains(candidates, c => c.UserId == admin.UserId);
        Assert.DoesNotContain(candidates, c => c.UserId == bd.UserId);
        await using var db = NewDb();
        Assert.False(await db.AccountAssignments.AnyAsync(a => a.AccountId == account.Id));
    }

    [Fact]
    public async Task A_manager_without_agency_scope_manages_only_the_accounts_in_their_scope()
    {
        var mine = await Given.AccountAsync("À moi");
        var other = await Given.AccountAsync("Pas à moi");
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), mine);
        var colleague = await Given.UserAsync(Roles.Manager);

        await Accounts.AssignManagerAsync(manager, mine.Id, colleague.UserId);
        await Assert.ThrowsAsync<NotFoundException>(() => Accounts.AssignManagerAsync(manager, other.Id, manager.UserId));

        Assert.True((await Given.ActorAsync(colleague.UserId)).Scope.CoversAccount(mine.Id));
        Assert.False((await Given.ActorAsync(manager.UserId)).Scope.CoversAccount(other.Id));
    }

    [Fact]
    public async Task An_account_seen_only_through_a_campaign_cannot_be_taken_over_by_naming_oneself_its_manager()
    {
        var account = await Given.AccountAsync("Client d'un autre");
        var owner = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var outsider = await Given.UserAsync(Roles.Manager);
        await Given.CampaignAsync(account, CampaignState.Active, outsider); // sees the account, does not answer for it
        outsider = await Given.ActorAsync(outsider.UserId);
        Assert.True(outsider.Scope.CoversAccount(account.Id));

        var assign = await Assert.ThrowsAsync<ForbiddenException>(() => Accounts.AssignManagerAsync(outsider, account.Id, outsider.UserId));
        var unassign = await Assert.ThrowsAsync<ForbiddenException>(() => Accounts.UnassignManagerAsync(outsider, account.Id, owner.UserId));

        Assert.Equal(ErrorCodes.AccountNotManaged, assign.Code);
        Assert.Equal(ErrorCodes.AccountNotManaged, unassign.Code);
        await using var db = NewDb();
        Assert.Equal([owner.UserId], await db.AccountAssignments.Where(a => a.AccountId == account.Id).Select(a => a.UserId).ToListAsync());
        Assert.False(await db.AuditEvents.AnyAsync(e => e.EntityId == account.Id));
    }

    [Fact]
    public async Task An_account_seen_only_through_a_campaign_is_read_but_not_edited_archived_or_deleted()
    {
        var account = await Given.AccountAsync("Client d'un autre");
        var outsider = await Given.UserAsync(Roles.Manager);
        await Given.CampaignAsync(account, CampaignState.Active, outsider);
        outsider = await Given.ActorAsync(outsider.UserId);
        var read = await Accounts.GetAsync(outsider, account.Id);

        var edit = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Accounts.UpdateAsync(outsider, account.Id, new AccountInput { Name = "Renommé", Country = "FR" }, read.Version));
        var archive = await Assert.ThrowsAsync<ForbiddenException>(() => Accounts.ArchiveAsync(outsider, account.Id));
        var delete = await Assert.ThrowsAsync<ForbiddenException>(() => Accounts.DeleteAsync(outsider, account.Id));

        Assert.All(new[] { edit, archive, delete }, refused => Assert.Equal(ErrorCodes.AccountNotManaged, refused.Code));
        await using var db = NewDb();
        var stored = await db.Accounts.SingleAsync(a => a.Id == account.Id);
        Assert.Equal(("Client d'un autre", (DateTimeOffset?)null), (stored.Name, stored.ArchivedAt));
    }

    [Fact]
    public async Task A_manager_assigned_by_someone_else_at_the_same_moment_is_a_coded_conflict_not_an_unexpected_error()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync();
        var manager = await Given.UserAsync(Roles.Manager);

        var refused = await LostRace.RunAsync<ConflictException>(Fixture,
            db => { db.AccountAssignments.Add(new AccountAssignment { AccountId = account.Id, UserId = manager.UserId, AssignedAt = DateTimeOffset.UtcNow }); return db.SaveChangesAsync(); },
            () => Accounts.AssignManagerAsync(admin, account.Id, manager.UserId));

        Assert.Equal(ErrorCodes.AssignedMeanwhile, refused.Code);
        await using var check = NewDb();
        Assert.Equal(1, await check.AccountAssignments.CountAsync(a => a.AccountId == account.Id));
        Assert.False(await check.AuditEvents.AnyAsync(e => e.Action == "account.manager-assigned"));
    }
}
