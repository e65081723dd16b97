using System.Reflection;
using Bunit;
using Facturix.App.Accounts;
using Facturix.Domain.Accounts;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Accounts;

/// <summary>How the accounts list's cells read: the SIREN as the INSEE prints it, and an account nobody manages said so.</summary>
public sealed class AccountsListCellsTests : ShellTestContext
{
    private readonly AccountsPagingTests.PagedAccounts _accounts;

    public AccountsListCellsTests() : this(DispatchProxy.Create<IAccountService, AccountsPagingTests.PagedAccounts>()) { }

    private AccountsListCellsTests(IAccountService accounts) : base(services => services.AddSingleton(accounts))
    {
        _accounts = (AccountsPagingTests.PagedAccounts)(object)accounts;
        SignIn(Roles.Admin);
    }

    [Fact]
    public void The_SIREN_reads_in_three_groups_and_an_account_without_managers_says_none()
    {
        var now = DateTimeOffset.UtcNow;
        _accounts.Rows.Add(new AccountRow(Guid.NewGuid(), "Logivia", "732829320", "Lyon", "FR", null, AccountStatus.Active, 0, ["Thomas Lefèvre"], now, false));
        _accounts.Rows.Add(new AccountRow(Guid.NewGuid(), "Nexalis", null, "Toulouse", "FR", null, AccountStatus.Active, 0, [], now, false));

        var page = Render<AccountsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=account-row]").Count));
        Assert.Equal("732\u00A0829\u00A0320", page.Find(".fx-account-siren").TextContent);
        Assert.Equal("Aucun", Assert.Single(page.FindAll("[data-testid=account-no-managers]")).TextContent);
    }
}
