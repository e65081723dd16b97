using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Duplicates;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Leads.Duplicates;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads.Duplicates;

/// <summary>The set-based duplicate scan (backlog 2.3.6) against PostgreSQL: each key, the fuzzy pass, rescans, scope, cross-client flag.</summary>
public sealed class DuplicateScanTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private Task<Lead> LeadAsync(Domain.Campaigns.Campaign campaign, Action<Lead>? set = null) => DuplicateTestData.LeadAsync(NewDb, campaign, set);

    private async Task<DuplicateScanResult> ScanAsync() => await Get<DuplicateScanner>().ScanAsync() ?? throw new InvalidOperationException("Scan skipped.");

    private async Task<List<(DuplicateReason Reason, string Key, Guid[] Leads, bool Dismissed)>> GroupsAsync()
    {
        await using var db = NewDb();
        var groups = await db.LeadDuplicateGroups.ToListAsync();
        var members = await db.LeadDuplicateMembers.ToListAsync();
        return groups.Select(g => (g.Reason, g.MatchKey, members.Where(m => m.GroupId == g.Id).Select(m => m.LeadId).Order().ToArray(), g.DismissedAt != null)).ToList();
    }

    [Fact]
    public async Task Each_key_groups_the_leads_that_share_it_and_nothing_else()
    {
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var email1 = await LeadAsync(campaign, l => l.Email = " Camille.Martin@Acme-Conseil.fr ");
        var email2 = await LeadAsync(campaign, l => l.Email = "camille.martin@acme-conseil.fr");
        var phone1 = await LeadAsync(campaign, l => l.Phone = "+33612345678");
        var phone2 = await LeadAsync(campaign, l => l.Phone = "+33 6 12 34 56 78");
        var siren1 = await LeadAsync(campaign, l => l.Siren = "732829320");
        var siren2 = await LeadAsync(campaign, l => l.Siren = "732829320");
        var web1 = await LeadAsync(campaign, l => l.Website = "https://www.Boulangerie-Duval.fr/contact");
        var web2 = await LeadAsync(campaign, l => l.Website = "boulangerie-duval.fr");
        // Free-mail providers say nothing about the company: two gmail.com addresses are no pair.
        await LeadAsync(campaign, l => l.Email = "a.dupont@gmail.com");
        await LeadAsync(campaign, l => l.Email = "b.durand@gmail.com");

        var result = await ScanAsync();

        var groups = await GroupsAsync();
        Assert.Equal(5, result.OpenGroups);
        Assert.Equal([email1.Id, email2.Id], Members(groups, DuplicateReason.Email));
        Assert.Equal([phone1.Id, phone2.Id], Members(groups, DuplicateReason.Phone));
        Assert.Equal([siren1.Id, siren2.Id], Members(groups, DuplicateReason.Siren));
        // The domain comes from the website, else the email: the website pair, and the email twins' acme-conseil.fr.
        var domains = groups.Where(g => g.Reason == DuplicateReason.WebsiteDomain).Select(g => g.Leads).ToList();
        Assert.Equal(2, domains.Count);
        Assert.Contains(domains, d => d.SequenceEqual(new[] { web1.Id, web2.Id }.Order()));
        Assert.Contains(domains, d => d.SequenceEqual(new[] { email1.Id, email2.Id }.Order()));
        Assert.DoesNotContain(groups, g => g.Reason == DuplicateReason.NameAndCompany);
        Assert.DoesNotContain(groups, g => g.Key.Contains("gmail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Similar_names_at_the_same_company_are_grouped_but_other_people_there_are_not()
    {
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var jean = await LeadAsync(campaign, l => (l.FirstName, l.LastName, l.Company) = ("Jean", "Martin", "Boulangerie Martin SAS"));
        var typo = await LeadAsync(campaign, l => (l.FirstName, l.LastName, l.Company) = ("Jéan", "Martins", "boulangerie martin"));
        await LeadAsync(campaign, l => (l.FirstName, l.LastName, l.Company) = ("Juliette", "Bernard", "Boulangerie Martin"));
        await LeadAsync(campaign, l => (l.FirstName, l.LastName, l.Company) = ("Jean", "Martin", "Garage Lefèvre"));

        await ScanAsync();

        var group = Assert.Single(await GroupsAsync());
        Assert.Equal(DuplicateReason.NameAndCompany, group.Reason);
        Assert.Equal(new[] { jean.Id, typo.Id }.Order(), group.Leads);
    }

    [Fact]
    public async Task A_rescan_keeps_a_dismissed_group_dismissed_and_drops_a_group_that_no_longer_holds()
    {
        var manager = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await LeadAsync(campaign, l => l.Email = "x@duval.fr");
        await LeadAsync(campaign, l => l.Email = "x@duval.fr");
        var p1 = await LeadAsync(campaign, l => l.Phone = "+33611111111");
        await LeadAsync(campaign, l => l.Phone = "+33611111111");
        await ScanAsync();
        Guid emailGroup;
        await using (var db = NewDb())
            emailGroup = (await db.LeadDuplicateGroups.SingleAsync(g => g.Reason == DuplicateReason.Email)).Id;

        await Get<IDuplicateService>().DismissAsync(manager, emailGroup);
        await using (var db = NewDb())
            await db.Leads.Where(l => l.Id == p1.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Phone, "+33622222222"));
        var result = await ScanAsync();
        await ScanAsync();

        var groups = await GroupsAsync();
        await using var check = NewDb();
        var kept = await check.LeadDuplicateGroups.SingleAsync(g => g.Reason == DuplicateReason.Email);
        Assert.Equal(emailGroup, kept.Id);
        Assert.NotNull(kept.DismissedAt);
        Assert.DoesNotContain(groups, g => g.Reason == DuplicateReason.Phone);
        Assert.Equal(1, result.OpenGroups); // the shared domain duval.fr, still open
        Assert.DoesNotContain((await Get<IDuplicateService>().ListGroupsAsync(manager, new PageRequest())).Items, g => g.Reason == DuplicateReason.Email);
    }

    [Fact]
    public async Task A_dismissed_group_that_gains_a_lead_opens_again()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await LeadAsync(campaign, l => l.Siren = "732829320");
        await LeadAsync(campaign, l => l.Siren = "732829320");
        await ScanAsync();
        var group = Assert.Single((await Get<IDuplicateService>().ListGroupsAsync(admin, new PageRequest())).Items);
        await Get<IDuplicateService>().DismissAsync(admin, group.Id);
        Assert.Empty((await Get<IDuplicateService>().ListGroupsAsync(admin, new PageRequest())).Items);

        await LeadAsync(campaign, l => l.Siren = "732829320");
        await ScanAsync();

        var reopened = Assert.Single((await Get<IDuplicateService>().ListGroupsAsync(admin, new PageRequest())).Items);
        Assert.Equal(group.Id, reopened.Id);
        Assert.Equal(3, reopened.Members.Count);
    }

    [Fact]
    public async Task The_same_company_for_two_clients_is_a_cross_client_conflict_not_a_duplicate_group()
    {
        var campaignA = await Given.CampaignAsync(await Given.AccountAsync("Client A"));
        var campaignB = await Given.CampaignAsync(await Given.AccountAsync("Client B"));
        var a = await LeadAsync(campaignA, l => l.Siren = "552100554");
        var b = await LeadAsync(campaignB, l => l.Siren = "552100554");
        var webA = await LeadAsync(campaignA, l => l.Website = "https://duval-transports.fr");
        var webB = await LeadAsync(campaignB, l => l.Email = "paul@duval-transports.fr");
        var alone = await LeadAsync(campaignA, l => l.Siren = "443061841");

        var result = await ScanAsync();

        Assert.Empty(await GroupsAsync());
        Assert.Equal(4, result.CrossClientConflicts);
        await using (var db = NewDb())
        {
            var flagged = await db.LeadCrossClientConflicts.Select(c => c.LeadId).ToListAsync();
            Assert.Equal(new[] { a.Id, b.Id, webA.Id, webB.Id }.Order(), flagged.Order());
            Assert.DoesNotContain(alone.Id, flagged);
            await db.Leads.Where(l => l.Id == b.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Siren, "443061841"));
        }

        await ScanAsync();

        await using var after = NewDb();
        var now = await after.LeadCrossClientConflicts.Select(c => c.LeadId).ToListAsync();
        Assert.Equal(new[] { b.Id, webA.Id, webB.Id, alone.Id }.Order(), now.Order());
    }

    [Fact]
    public async Task LinkedIn_pages_in_the_website_pair_no_leads_and_flag_no_client()
    {
        // Sales Navigator exports put the company's LinkedIn page where the website goes: "linkedin.com" is nobody's domain.
        var campaignA = await Given.CampaignAsync(await Given.AccountAsync("Client A"));
        var campaignB = await Given.CampaignAsync(await Given.AccountAsync("Client B"));
        await LeadAsync(campaignA, l => l.Website = "https://www.linkedin.com/company/duval-transports");
        await LeadAsync(campaignA, l => l.Website = "https://fr.linkedin.com/company/garage-lefevre");
        await LeadAsync(campaignB, l => l.Website = "https://www.linkedin.com/company/boulangerie-martin");
        var byEmail = await LeadAsync(campaignA, l => (l.Website, l.Email) = ("https://www.linkedin.com/company/acme", "paul@acme-conseil.fr"));
        var otherClient = await LeadAsync(campaignB, l => l.Website = "acme-conseil.fr");

        var result = await ScanAsync();

        Assert.Empty(await GroupsAsync());
        await using var db = NewDb();
        // The email's domain stands in for a LinkedIn page, as the import's keys do.
        Assert.Equal(new[] { byEmail.Id, otherClient.Id }.Order(), (await db.LeadCrossClientConflicts.Select(c => c.LeadId).ToListAsync()).Order());
        Assert.Equal(2, result.CrossClientConflicts);
    }

    [Fact]
    public async Task Deleting_a_lead_removes_its_memberships_and_its_conflict_flag_in_the_same_statement()
    {
        // No foreign keys from these tables to leads (decision 0053): the leads_forget_deleted trigger does the cascade.
        var campaignA = await Given.CampaignAsync(await Given.AccountAsync("Client A"));
        var campaignB = await Given.CampaignAsync(await Given.AccountAsync("Client B"));
        var first = await LeadAsync(campaignA, l => { l.Email = "jean@duval-transports.fr"; l.Siren = "552100554"; });
        var second = await LeadAsync(campaignA, l => l.Email = "jean@duval-transports.fr");
        var other = await LeadAsync(campaignB, l => l.Siren = "552100554");
        await ScanAsync();
        await using (var before = NewDb())
        {
            Assert.True(await before.LeadDuplicateMembers.AnyAsync(m => m.LeadId == first.Id));
            Assert.True(await before.LeadCrossClientConflicts.AnyAsync(c => c.LeadId == first.Id));
        }

        await using (var db = NewDb())
            await db.Leads.Where(l => l.Id == first.Id || l.Id == other.Id).ExecuteDeleteAsync();

        await using var after = NewDb();
        Assert.False(await after.LeadDuplicateMembers.AnyAsync(m => m.LeadId == first.Id));
        Assert.False(await after.LeadCrossClientConflicts.AnyAsync(c => c.LeadId == first.Id || c.LeadId == other.Id));
        Assert.True(await after.LeadDuplicateMembers.AnyAsync(m => m.LeadId == second.Id));
    }

    [Fact]
    public async Task A_manager_sees_only_groups_with_two_members_in_scope_and_never_the_other_members()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.UserAsync(Roles.Manager);
        var mine = await Given.CampaignAsync(account, assignees: manager);
        var notMine = await Given.CampaignAsync(account);
        var otherAccountCampaign = await Given.CampaignAsync(await Given.AccountAsync());
        // Email group: two in scope, one outside (another campaign of the same client).
        var e1 = await LeadAsync(mine, l => l.Email = "paul@transports-duval.fr");
        var e2 = await LeadAsync(mine, l => l.Email = "paul@transports-duval.fr");
        var e3 = await LeadAsync(notMine, l => l.Email = "paul@transports-duval.fr");
        // Phone group with a single member in scope: not listed.
        await LeadAsync(mine, l => l.Phone = "+33633333333");
        await LeadAsync(notMine, l => l.Phone = "+33633333333");
        // Another client's group: never.
        await LeadAsync(otherAccountCampaign, l => l.Siren = "732829320");
        await LeadAsync(otherAccountCampaign, l => l.Siren = "732829320");
        await ScanAsync();

        var listed = await Get<IDuplicateService>().ListGroupsAsync(manager, new PageRequest());

        var lines = listed.Items.Select(g => (g.Reason, Leads: g.Members.Select(m => m.LeadId).Order().ToArray())).ToList();
        Assert.Equal(listed.TotalCount, listed.Items.Count);
        Assert.All(listed.Items, g => Assert.DoesNotContain(g.Members, m => m.LeadId == e3.Id));
        Assert.Contains(lines, l => l.Reason == DuplicateReason.Email && l.Leads.SequenceEqual(new[] { e1.Id, e2.Id }.Order()));
        Assert.DoesNotContain(lines, l => l.Reason is DuplicateReason.Phone or DuplicateReason.Siren);
        var admin = await Given.UserAsync(Roles.Admin);
        var all = await Get<IDuplicateService>().ListGroupsAsync(admin, new PageRequest());
        Assert.Contains(all.Items, g => g.Reason == DuplicateReason.Email && g.Members.Count == 3);
        Assert.Contains(all.Items, g => g.Reason == DuplicateReason.Siren);
        // Dismissing needs the group to be visible: outside scope it does not exist.
        var siren = all.Items.Single(g => g.Reason == DuplicateReason.Siren);
        await Assert.ThrowsAsync<NotFoundException>(() => Get<IDuplicateService>().DismissAsync(manager, siren.Id));
    }

    [Fact]
    public async Task A_scan_requested_without_a_scheduler_runs_and_announces_its_end()
    {
        await using var recorder = await Fixture.RecordEventsAsync();
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await LeadAsync(campaign, l => l.Email = "z@garage-leroy.fr");
        await LeadAsync(campaign, l => l.Email = "z@garage-leroy.fr");

        await Get<IDuplicateService>().RequestScanAsync(admin);

        await recorder.WaitForAsync<DuplicatesScanned>(e => e.Groups == 2);
        Assert.False(await Get<IDuplicateService>().IsScanRunningAsync(admin));
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Assert.ThrowsAsync<ForbiddenException>(() => Get<IDuplicateService>().RequestScanAsync(bd));
    }

    [Fact]
    public async Task The_leads_list_filters_on_the_duplicate_flag_and_shows_the_conflict_flag_to_managers_only()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account, assignees: bd);
        var d1 = await LeadAsync(campaign, l => l.Phone = "+33655555555");
        var d2 = await LeadAsync(campaign, l => l.Phone = "+33655555555");
        var single = await LeadAsync(campaign, l => l.Siren = "552100554");
        await LeadAsync(await Given.CampaignAsync(await Given.AccountAsync()), l => l.Siren = "552100554");
        await ScanAsync();
        var queries = Get<ILeadQueries>();

        var duplicates = await queries.ListAsync(manager, new LeadListQuery(CampaignId: campaign.Id, IsDuplicate: true), new PageRequest());
        var others = await queries.ListAsync(manager, new LeadListQuery(CampaignId: campaign.Id, IsDuplicate: false), new PageRequest());
        var managerRows = await queries.ListAsync(manager, new LeadListQuery(CampaignId: campaign.Id), new PageRequest());
        var bdRows = await queries.ListAsync(bd, new LeadListQuery(CampaignId: campaign.Id), new PageRequest());

        Assert.Equal(new[] { d1.Id, d2.Id }.Order(), duplicates.Items.Select(r => r.Id).Order());
        Assert.Equal([single.Id], others.Items.Select(r => r.Id));
        Assert.True(managerRows.Items.Single(r => r.Id == single.Id).HasCrossClientConflict);
        Assert.Equal(3, bdRows.Items.Count);
        Assert.DoesNotContain(bdRows.Items, r => r.HasCrossClientConflict);
    }

    private static Guid[] Members(List<(DuplicateReason Reason, string Key, Guid[] Leads, bool Dismissed)> groups, DuplicateReason reason) =>
        groups.Single(g => g.Reason == reason).Leads;
}
