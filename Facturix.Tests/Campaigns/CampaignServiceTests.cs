using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Campaigns;

/// <summary>
/// What <see cref="ICampaignService"/> reads: the campaigns list (filtered, sorted and paged on the server), the
/// overview's lead counts and the account choices. Life cycle, editing and access: <see cref="CampaignLifecycleTests"/>,
/// <see cref="CampaignEditingTests"/>, <see cref="CampaignAccessTests"/>.
/// </summary>
public sealed class CampaignServiceTests(DatabaseFixture fixture) : CampaignServiceTest(fixture)
{
    [Fact]
    public async Task An_assigned_BD_sees_the_campaign_in_the_list_with_its_client()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var account = await Given.AccountAsync("Thermonord");
        var assigned = await Given.CampaignAsync(account, CampaignState.Active, bd);
        await Given.CampaignAsync(account);
        await Given.LeadsAsync(assigned, 2);

        var page = await Campaigns.ListAsync(await Given.ActorAsync(bd.UserId), new CampaignQuery(), new PageRequest());

        var row = Assert.Single(page.Items);
        Assert.Equal((assigned.Id, "Thermonord", CampaignState.Active, 2, 1), (row.Id, row.AccountName, row.State, row.LeadCount, page.TotalCount));
    }

    [Fact]
    public async Task The_list_filters_sorts_and_pages_on_the_server()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var logivia = await Given.AccountAsync("Logivia");
        var nexalis = await Given.AccountAsync("Nexalis");
        foreach (var name in new[] { "Beta", "Alpha", "Gamma_1" })
            await Campaigns.CreateAsync(admin, NewCampaign(logivia.Id, name));
        var other = await Campaigns.CreateAsync(admin, NewCampaign(nexalis.Id, "Delta"));
        await Campaigns.ChangeStateAsync(admin, other, CampaignState.Active, await VersionOf(other));

        var firstPage = await Campaigns.ListAsync(admin, new CampaignQuery(), new PageRequest(0, 2, CampaignRow.SortKeys.Name, SortDescending: true));
        Assert.Equal(4, firstPage.TotalCount);
        Assert.Equal(["Gamma_1", "Delta"], firstPage.Items.Select(r => r.Name));
        Assert.Equal(["Alpha", "Beta", "Gamma_1"],
            (await Campaigns.ListAsync(admin, new CampaignQuery(AccountId: logivia.Id), new PageRequest())).Items.Select(r => r.Name));
        Assert.Equal(["Delta"], (await Campaigns.ListAsync(admin, new CampaignQuery(Search: "nexa"), new PageRequest())).Items.Select(r => r.Name));
        Assert.Equal(["Delta"], (await Campaigns.ListAsync(admin, new CampaignQuery(State: CampaignState.Active), new PageRequest())).Items.Select(r => r.Name));
        // "_" is a LIKE wildcard: searched literally.
        Assert.Equal(["Gamma_1"], (await Campaigns.ListAsync(admin, new CampaignQuery(Search: "a_"), new PageRequest())).Items.Select(r => r.Name));
    }

    [Fact]
    public async Task Client_and_dates_sort_both_ways_in_reading_order_undated_last_ties_broken_by_id()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var zebre = await Given.AccountAsync("Zèbre Conseil");
        var elan = await Given.AccountAsync("Élan Industrie");
        var a = await Given.CampaignAsync(elan);
        var b = await Given.CampaignAsync(zebre);
        var c = await Given.CampaignAsync(elan); // same client as a: the id decides
        var undated = await Given.CampaignAsync(zebre);
        await using (var db = NewDb())
        {
            (await db.Campaigns.FindAsync(a.Id))!.EndsOn = new DateOnly(2026, 12, 18);
            (await db.Campaigns.FindAsync(b.Id))!.EndsOn = new DateOnly(2026, 10, 2);
            (await db.Campaigns.FindAsync(c.Id))!.EndsOn = new DateOnly(2027, 3, 31);
            (await db.Campaigns.FindAsync(undated.Id))!.EndsOn = null;
            await db.SaveChangesAsync();
        }
        var (first, second) = a.Id.CompareTo(c.Id) < 0 ? (a.Id, c.Id) : (c.Id, a.Id);

        async Task<Guid[]> Sorted(string column, bool descending) =>
            (await Campaigns.ListAsync(admin, new CampaignQuery(), new PageRequest(0, 10, column, descending))).Items.Select(r => r.Id).ToArray();

        // "Élan" before "Zèbre" (French order, not bytes: "É" sorted after "Z"); within a client, by id both ways.
        var byClient = await Sorted(CampaignRow.SortKeys.Account, false);
        Assert.Equal([first, second], byClient[..2]);
        Assert.Equal(new[] { b.Id, undated.Id }.Order(), byClient[2..].Order());
        var byClientDescending = await Sorted(CampaignRow.SortKeys.Account, true);
        Assert.Equal([first, second], byClientDescending[2..]);
        // Soonest end first, or latest first; the open-ended campaign last either way.
        Assert.Equal([b.Id, a.Id, c.Id, undated.Id], await Sorted(CampaignRow.SortKeys.EndsOn, false));
        Assert.Equal([c.Id, a.Id, b.Id, undated.Id], await Sorted(CampaignRow.SortKeys.EndsOn, true));
    }

    [Fact]
    public async Task The_overview_counts_leads_by_status_category()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await Given.LeadsAsync(campaign, 3, LeadStatus.New);
        await Given.LeadsAsync(campaign, 2, LeadStatus.Attempted);
        await Given.LeadsAsync(campaign, 1, LeadStatus.MeetingBooked);
        await Given.LeadsAsync(campaign, 1, LeadStatus.Converted);
        await Given.LeadsAsync(campaign, 2, LeadStatus.DoNotContact);
        await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 5); // another campaign's

        var details = await Campaigns.GetAsync(admin, campaign.Id);

        Assert.Equal(new Dictionary<StatusCategory, int>
        {
            [StatusCategory.New] = 3, [StatusCategory.InProgress] = 3, [StatusCategory.Won] = 1,
            [StatusCategory.Lost] = 0, [StatusCategory.DoNotCall] = 2,
        }, details.LeadsByCategory);
        Assert.Equal(9, details.LeadCount);
    }

    [Fact]
    public async Task Account_choices_leave_archived_accounts_out()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var open = await Given.AccountAsync("Solvéo");
        var archived = await Given.AccountAsync("Solaris");
        await using (var db = NewDb())
            await db.Accounts.Where(a => a.Id == archived.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ArchivedAt, DateTimeOffset.UtcNow));

        Assert.Equal([open.Id], (await Campaigns.ListAccountChoicesAsync(admin, "sol")).Select(a => a.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.CreateAsync(admin, NewCampaign(archived.Id)));
    }
}
