using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Tests.Support;

namespace Facturix.Tests.Accounts;

/// <summary>The accounts list is paged, sorted, filtered and searched on the server, within the actor's scope.</summary>
public sealed class AccountListTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private IAccountService Accounts => Get<IAccountService>();

    [Fact]
    public async Task Pages_follow_each_other_in_the_requested_order_with_the_total_count()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        foreach (var name in new[] { "Delta", "alpha", "Charlie", "Bravo", "Echo" })
            await CreateAsync(admin, name);

        var first = await Accounts.ListAsync(admin, new AccountListQuery(), new PageRequest(0, 2));
        var second = await Accounts.ListAsync(admin, new AccountListQuery(), new PageRequest(1, 2));
        var last = await Accounts.ListAsync(admin, new AccountListQuery(), new PageRequest(2, 2));
        var descending = await Accounts.ListAsync(admin, new AccountListQuery(), new PageRequest(0, 5, AccountListQuery.Sort.Name, SortDescending: true));

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(["alpha", "Bravo", "Charlie", "Delta", "Echo"],
            first.Items.Concat(second.Items).Concat(last.Items).Select(r => r.Name));
        Assert.Equal(["Echo", "Delta", "Charlie", "Bravo", "alpha"], descending.Items.Select(r => r.Name));
    }

    [Fact]
    public async Task Sorts_by_city_and_caps_the_page_size()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        await CreateAsync(admin, "Un", city: "Nantes");
        await CreateAsync(admin, "Deux", city: "Brest");
        await CreateAsync(admin, "Trois", city: "Lyon");

        var byCity = await Accounts.ListAsync(admin, new AccountListQuery(), new PageRequest(0, 10_000, AccountListQuery.Sort.City));

        Assert.Equal(["Brest", "Lyon", "Nantes"], byCity.Items.Select(r => r.City));
    }

    [Fact]
    public async Task Search_matches_name_city_or_SIREN_and_takes_wildcards_literally()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        await CreateAsync(admin, "Boulangeries Martin", city: "Lyon", siren: "732829320");
        await CreateAsync(admin, "Garage du Lac", city: "Annecy", siren: "552100554");
        await CreateAsync(admin, "100% Bio", city: "Paris");

        Assert.Equal(["Boulangeries Martin"], await NamesAsync(admin, new AccountListQuery("boulang")));
        Assert.Equal(["Garage du Lac"], await NamesAsync(admin, new AccountListQuery("ANNECY")));
        Assert.Equal(["Boulangeries Martin"], await NamesAsync(admin, new AccountListQuery("7328")));
        Assert.Equal(["100% Bio"], await NamesAsync(admin, new AccountListQuery("0%")));
        Assert.Empty(await NamesAsync(admin, new AccountListQuery("_a")));
    }

    [Fact]
    public async Task Filters_by_status_industry_and_manager()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var manager = await Given.UserAsync(Roles.Manager);
        var onHold = await CreateAsync(admin, "En pause", status: AccountStatus.OnHold, industry: "BTP");
        await CreateAsync(admin, "Actif", industry: "BTP");
        var managed = await CreateAsync(admin, "Suivi", industry: "Santé");
        await Accounts.AssignManagerAsync(admin, managed, manager.UserId);

        Assert.Equal(["En pause"], await NamesAsync(admin, new AccountListQuery(Status: AccountStatus.OnHold)));
        Assert.Equal(["Actif", "En pause"], await NamesAsync(admin, new AccountListQuery(Industry: "BTP")));
        Assert.Equal(["Suivi"], await NamesAsync(admin, new AccountListQuery(ManagerId: manager.UserId)));
        var options = await Accounts.GetFilterOptionsAsync(admin);
        Assert.Equal(["BTP", "Santé"], options.Industries);
        Assert.Equal([manager.UserId], options.Managers.Select(m => m.UserId));
        var row = (await Accounts.ListAsync(admin, new AccountListQuery(), new PageRequest())).Items.Single(r => r.Id == managed);
        Assert.Equal([manager.DisplayName], row.Managers);
        Assert.NotEqual(Guid.Empty, onHold);
    }

    [Fact]
    public async Task A_manager_lists_only_their_accounts_and_a_BD_the_accounts_of_their_campaigns()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var mine = await Given.AccountAsync("Le mien");
        var campaignAccount = await Given.AccountAsync("Celui de ma campagne");
        await Given.AccountAsync("Un autre");
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), mine);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Given.CampaignAsync(campaignAccount, assignees: bd);

        Assert.Equal(3, (await Accounts.ListAsync(admin, new AccountListQuery(), new PageRequest())).TotalCount);
        Assert.Equal(["Le mien"], await NamesAsync(manager, new AccountListQuery()));
        Assert.Equal(["Celui de ma campagne"], await NamesAsync(bd, new AccountListQuery()));
        var row = (await Accounts.ListAsync(bd, new AccountListQuery(), new PageRequest())).Items.Single();
        Assert.Equal(1, row.CampaignCount);
    }

    private async Task<List<string>> NamesAsync(Actor actor, AccountListQuery query) =>
        (await Accounts.ListAsync(actor, query, new PageRequest(0, 50))).Items.Select(r => r.Name).ToList();

    private Task<Guid> CreateAsync(Actor admin, string name, string? city = null, string? siren = null,
        AccountStatus status = AccountStatus.Active, string? industry = null) =>
        Accounts.CreateAsync(admin, new AccountInput { Name = name, City = city, Siren = siren, Status = status, Industry = industry });
}
