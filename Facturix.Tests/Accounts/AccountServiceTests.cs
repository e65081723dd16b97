using Facturix.Domain.Common;
using Facturix.Domain.Accounts;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Accounts;

public sealed class AccountServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task An_admin_creates_an_account_and_the_creation_is_audited()
    {
        var admin = await Given.UserAsync(Roles.Admin);

        var id = await Get<IAccountService>().CreateAsync(admin,
            new AccountInput { Name = "  Boulangeries Martin ", Siren = "732 829 320", City = "Lyon" }); // as printed

        await using var db = NewDb();
        var account = await db.Accounts.SingleAsync(a => a.Id == id);
        Assert.Equal("Boulangeries Martin", account.Name);
        Assert.Equal("732829320", account.Siren);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EntityId == id && e.Action == "account.created" && e.ActorId == admin.UserId));
    }

    [Fact]
    public async Task A_BD_may_not_create_accounts()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);

        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Get<IAccountService>().CreateAsync(bd, new AccountInput { Name = "Acme" }));

        Assert.Equal(Capability.AccountsManage, error.Missing);
        await using var db = NewDb();
        Assert.False(await db.Accounts.AnyAsync());
    }

    [Fact]
    public async Task A_manager_who_creates_an_account_is_assigned_to_it_and_keeps_seeing_it()
    {
        var manager = await Given.UserAsync(Roles.Manager);

        var id = await Get<IAccountService>().CreateAsync(manager, new AccountInput { Name = "Acme" });

        var refreshed = await Given.ActorAsync(manager.UserId);
        Assert.True(refreshed.Scope.CoversAccount(id));
        await using var db = NewDb();
        Assert.True(await db.AccountAssignments.AnyAsync(a => a.AccountId == id && a.UserId == manager.UserId));
    }

    [Fact]
    public async Task Bad_input_is_rejected_with_the_reason_and_nothing_is_written()
    {
        var admin = await Given.UserAsync(Roles.Admin);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Get<IAccountService>().CreateAsync(admin, new AccountInput { Name = "", Siren = "12" }));

        Assert.Contains(error.Errors, e => e.PropertyName == nameof(AccountInput.Name));
        Assert.Contains(error.Errors, e => e.PropertyName == nameof(AccountInput.Siren));
        await using var db = NewDb();
        Assert.False(await db.Accounts.AnyAsync());
    }
}
