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

    [Fact]
    public async Task A_change_in_its_campaign_while_the_first_read_runs_reloads_the_page()
    {
        // The first read is slow: the page is live before it knows its campaigns (the replay of decision 0067 comes then).
        SignIn(Roles.Admin);
        var first = new TaskCompletionSource<AccountDetails>(TaskCreationOptions.RunContinuationsAsynchronously);
        _accounts.Answers.Enqueue(first.Task);
        var page = Render<AccountDetailsPage>(p => p.Add(x => x.Id, AccountId));
        page.WaitForAssertion(() => Assert.Equal(1, _accounts.Reads));

        await ((InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>()).RaiseAsync(new LeadsChanged([CampaignId]));
        page.WaitForAssertion(() => Assert.Equal(2, _accounts.Reads));
        first.SetResult(CountingAccounts.Account("Acme"));
        page.WaitForAssertion(() => Assert.Equal("Acme", page.Find("[data-testid=account-name-heading]").TextContent));
    }

    [Fact]
    public async Task A_live_read_that_ends_after_a_newer_load_does_not_bring_back_the_older_account()
    {
        SignIn(Roles.Admin);
        var page = Render<AccountDetailsPage>(p => p.Add(x => x.Id, AccountId));
        page.WaitForAssertion(() => Assert.Equal("Acme", page.Find("[data-testid=account-name-heading]").TextContent));

        // A live reload whose read is slow, then a newer load (the page's own, as after a rename) that reads at once.
        var slow = new TaskCompletionSource<AccountDetails>(TaskCreationOptions.RunContinuationsAsynchronously);
        _accounts.Answers.Enqueue(slow.Task);
        await ((InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>()).RaiseAsync(new LeadsChanged([CampaignId]));
        page.WaitForAssertion(() => Assert.Equal(2, _accounts.Reads));
        _accounts.Answers.Enqueue(Task.FromResult(CountingAccounts.Account("Acme Groupe")));
        page.Render(p => p.Add(x => x.Id, AccountId));
        page.WaitForAssertion(() => Assert.Equal("Acme Groupe", page.Find("[data-testid=account-name-heading]").TextContent));

        var renders = page.RenderCount;
        slow.SetResult(CountingAccounts.Account("Acme"));
        page.WaitForState(() => page.RenderCount > renders);

        Assert.Equal("Acme Groupe", page.Find("[data-testid=account-name-heading]").TextContent);
    }

    /// <summary>Answers the page's one read (GetAsync), with the next queued answer if any, and counts it; nothing else is called.</summary>
    public class CountingAccounts : DispatchProxy
    {
        private int _reads;
        public int Reads => Volatile.Read(ref _reads);
        public Queue<Task<AccountDetails>> Answers { get; } = new();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IAccountService.GetAsync))
                throw new NotSupportedException(targetMethod?.Name);
            Interlocked.Increment(ref _reads);
            return Answers.TryDequeue(out var answer) ? answer : Task.FromResult(Account("Acme"));
        }

        public static AccountDetails Account(string name)
        {
            var now = DateTimeOffset.UtcNow;
            return new AccountDetails(AccountId, name, null, null, null, null, "FR", AccountStatus.Active,
                null, null, null, null, now, now, null, 1, [], [new AccountCampaign(CampaignId, "Campagne", CampaignState.Active)], []);
        }
    }
}
