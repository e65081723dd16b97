using System.Reflection;
using Bunit;
using Facturix.App.Accounts;
using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Accounts;

/// <summary>The account page follows its campaigns' leads, including changes announced per campaign (bulk, clean-up, merge).</summary>
public sealed class AccountDetailsPageLiveTests : ShellTestContext
{
    private static readonly Guid AccountId = Guid.NewGuid();
    private static readonly Guid CampaignId = Guid.NewGuid();
    private readonly CountingAccounts _accounts;

    public AccountDetailsPageLiveTests() : this(DispatchProxy.Create<IAccountService, CountingAccounts>()) { }

    private AccountDetailsPageLiveTests(IAccountService accounts) : base(services => services.AddSingleton(accounts)) =>
        _accounts = (CountingAccounts)(object)accounts;

    [Fact]
    public async Task A_bulk_change_in_one_of_its_campaigns_reloads_the_page_and_one_elsewhere_does_not()
    {
        SignIn(Roles.Admin);
        var page = Render<AccountDetailsPage>(p => p.Add(x => x.Id, AccountId));
        page.WaitForAssertion(() => Assert.Equal(1, _accounts.Reads));
        var live = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();

        await live.RaiseAsync(new LeadsChanged([Guid.NewGuid()]));
        Assert.Equal(1, _accounts.Reads); // as the dashboard's tests: the double delivers before it returns
        await live.RaiseAsync(new LeadsChanged([CampaignId]));

        page.WaitForAssertion(() => Assert.Equal(2, _accounts.Reads));
    }

    /// <summary>Answers the page's one read (GetAsync) and counts it; nothing else is called.</summary>
    public class CountingAccounts : DispatchProxy
    {
        private int _reads;
        public int Reads => Volatile.Read(ref _reads);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IAccountService.GetAsync))
                throw new NotSupportedException(targetMethod?.Name);
            Interlocked.Increment(ref _reads);
            var now = DateTimeOffset.UtcNow;
            return Task.FromResult(new AccountDetails(AccountId, "Acme", null, null, null, null, "FR", AccountStatus.Active,
                null, null, null, null, now, now, null, 1, [], [new AccountCampaign(CampaignId, "Campagne", CampaignState.Active)], []));
        }
    }
}
