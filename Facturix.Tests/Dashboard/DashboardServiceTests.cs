using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Dashboard;

public sealed class DashboardServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Admin_sees_the_whole_agency_and_the_numbers_match_the_database()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var acme = await Given.AccountAsync();
        var globex = await Given.AccountAsync();
        var active = await Given.CampaignAsync(acme, CampaignState.Active);
        var paused = await Given.CampaignAsync(globex, CampaignState.Paused);
        await Given.LeadsAsync(active, 7);
        await Given.LeadsAsync(active, 2, LeadStatus.Converted);
        await Given.LeadsAsync(paused, 1, LeadStatus.Converted);

        var kpis = await Get<IDashboardService>().GetKpisAsync(admin);

        await using var db = NewDb();
        Assert.Equal(await db.Accounts.CountAsync(), kpis.Accounts);
        Assert.Equal(2, kpis.Accounts);
        Assert.Equal(1, kpis.ActiveCampaigns);
        Assert.Equal(10, kpis.Leads);
        Assert.Equal(3, kpis.ConvertedLeads);
        Assert.Equal(0.3, kpis.Conversion, precision: 6);
    }

    [Fact]
    public async Task A_BD_sees_only_the_campaigns_assigned_to_them()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var other = await Given.UserAsync(Roles.BusinessDeveloper);
        var acme = await Given.AccountAsync();
        var globex = await Given.AccountAsync();
        var mine = await Given.CampaignAsync(acme, CampaignState.Active, bd);
        var theirs = await Given.CampaignAsync(globex, CampaignState.Active, other);
        await Given.LeadsAsync(mine, 4);
        await Given.LeadsAsync(mine, 1, LeadStatus.Converted);
        await Given.LeadsAsync(theirs, 50);

        var kpis = await Get<IDashboardService>().GetKpisAsync(bd);

        Assert.Equal(new KpiSnapshot(Accounts: 1, ActiveCampaigns: 1, Leads: 5, ConvertedLeads: 1), kpis);
    }

    [Fact]
    public async Task Archived_accounts_are_not_counted()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var active = await Given.AccountAsync();
        var archived = await Given.AccountAsync();
        // A manager sees the accounts assigned to them: both are, so only archiving tells them apart.
        await Given.AssignAccountAsync(manager, active);
        manager = await Given.AssignAccountAsync(manager, archived);
        await using (var db = NewDb())
            await db.Accounts.Where(a => a.Id == archived.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ArchivedAt, DateTimeOffset.UtcNow));

        var kpis = await Get<IDashboardService>().GetKpisAsync(manager);

        Assert.Equal(1, kpis.Accounts);
    }

    [Fact]
    public async Task A_manager_sees_the_accounts_assigned_to_them_and_their_campaigns_not_the_agency()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var theirs = await Given.AccountAsync();
        var other = await Given.AccountAsync();
        await Given.LeadsAsync(await Given.CampaignAsync(theirs), 3);
        await Given.LeadsAsync(await Given.CampaignAsync(other), 40);
        manager = await Given.AssignAccountAsync(manager, theirs);

        var kpis = await Get<IDashboardService>().GetKpisAsync(manager);

        Assert.Equal(new KpiSnapshot(Accounts: 1, ActiveCampaigns: 1, Leads: 3, ConvertedLeads: 0), kpis);
    }

    [Fact]
    public async Task An_empty_database_gives_zeroes_not_an_error()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var kpis = await Get<IDashboardService>().GetKpisAsync(admin);
        Assert.Equal(new KpiSnapshot(0, 0, 0, 0), kpis);
        Assert.Equal(0, kpis.Conversion);
    }
}
