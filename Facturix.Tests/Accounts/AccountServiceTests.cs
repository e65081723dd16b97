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
            new AccountInput { Name = "  Boulangeries Martin ", Siren = "732829320", City = "Lyon" });

        await using var db = NewDb();
        var account = await db.Accounts.SingleAsync(a => a.Id == id);
        Assert.Equal("Boulangeries Martin", account.Name);
        Assert.Equal("732829320", account.Siren);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EntityId == id && e.Action == "account.created" && e.ActorId == admin.UserId));
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.BusinessDeveloper)]
    public async Task Only_admins_create_accounts(string role)
    {
        var someone = await Given.UserAsync(role);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Get<IAccountService>().CreateAsync(someone, new AccountInput { Name = "Acme" }));

        await using var db = NewDb();
        Assert.False(await db.Accounts.AnyAsync());
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
