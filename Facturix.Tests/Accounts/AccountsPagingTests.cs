using System.Reflection;
using Bunit;
using Facturix.App.Accounts;
using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Accounts;

/// <summary>The accounts list past two pages, as someone else archives the accounts of the page on screen.</summary>
public sealed class AccountsPagingTests : ShellTestContext
{
    private readonly PagedAccounts _accounts;

    public AccountsPagingTests() : this(DispatchProxy.Create<IAccountService, PagedAccounts>()) { }

    private AccountsPagingTests(IAccountService accounts) : base(services => services.AddSingleton(accounts))
    {
        _accounts = (PagedAccounts)(object)accounts;
        SignIn(Roles.Admin);
    }

    [Fact]
    public async Task When_the_last_page_s_account_is_archived_elsewhere_the_list_steps_back_to_the_page_before_not_to_the_first()
    {
        var now = DateTimeOffset.UtcNow;
        _accounts.Rows.AddRange(Enumerable.Range(0, 51).Select(i =>
            new AccountRow(Guid.NewGuid(), $"Compte {i:00}", null, null, "FR", null, AccountStatus.Active, 0, [], now, false)));
        var page = Render<AccountsPage>();
        page.WaitForElements("[data-testid=account-row]");
        page.FindAll(".mud-table-pagination-actions button").Last().Click(); // last page: account 50 alone
        page.WaitForAssertion(() => Assert.Equal(["Compte 50"], Names(page)));

        // Someone archives it: the list has 50 accounts, two full pages.
        var archived = _accounts.Rows[^1];
        _accounts.Rows.Remove(archived);
        await page.InvokeAsync(() => ((InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>()).RaiseAsync(new AccountChanged(archived.Id)));

        // The second page (25 to 49), where the reader was, rather than "no accounts" or the first page.
        page.WaitForAssertion(() => Assert.Equal("Compte 25", Names(page).FirstOrDefault()));
        Assert.Equal(25, Names(page).Count);
        Assert.Empty(page.FindAll("[data-testid=accounts-empty]"));
    }

    private static List<string> Names(IRenderedComponent<AccountsPage> page) =>
        page.FindAll("[data-testid=account-row]").Select(a => a.TextContent.Trim()).ToList();

    /// <summary>Pages <see cref="Rows"/> as the service would (in their order) and answers the filters; nothing else is called.</summary>
    public class PagedAccounts : DispatchProxy
    {
        public List<AccountRow> Rows { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(IAccountService.ListAsync) => Task.FromResult(Page((PageRequest)args![2]!)),
            nameof(IAccountService.GetFilterOptionsAsync) => Task.FromResult(new AccountFilterOptions([], [])),
            _ => throw new NotSupportedException(targetMethod?.Name),
        };

        private PagedResult<AccountRow> Page(PageRequest page)
        {
            return new(Rows.Skip(page.Skip).Take(page.Take).ToList(), Rows.Count);
        }
    }
}
