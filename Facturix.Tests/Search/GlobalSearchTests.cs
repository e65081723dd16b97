using Facturix.Domain.Common;
using Facturix.Domain.Search;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;

namespace Facturix.Tests.Search;

/// <summary>The global search against PostgreSQL: each kind in the viewer's scope, matched as its list matches, and guarded.</summary>
public sealed class GlobalSearchTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private IGlobalSearch Search => Get<IGlobalSearch>();

    [Fact]
    public async Task A_bd_finds_the_leads_and_campaigns_of_their_own_campaigns_and_has_no_accounts()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var theirs = await Given.CampaignAsync(await Given.AccountAsync("Durand Industries"), assignees: bd);
        var elsewhere = await Given.CampaignAsync(await Given.AccountAsync("Durand Logistique"));
        var found = await LeadAsync(theirs, "Hélène", "Durand", "Aciéries du Nord");
        await LeadAsync(elsewhere, "Hélène", "Durand", "Papeteries de l'Est");
        bd = await Given.ActorAsync(bd.UserId);

        // Accents and case ignored, as in the leads list.
        var results = await Search.SearchAsync(bd, "  helene DURAND ", 20);

        Assert.Equal("helene DURAND", results.Text);
        var lead = Assert.Single(results.Leads!.Items);
        Assert.Equal((found.Id, 1L), (lead.Id, results.Leads.Total));
        Assert.Null(results.Accounts);
        Assert.Equal(0L, results.Campaigns!.Total);

        // The campaign list matches its client's name too: the BD's campaign only.
        var campaign = Assert.Single((await Search.SearchAsync(bd, "durand", 20)).Campaigns!.Items);
        Assert.Equal(theirs.Id, campaign.Id);
    }

    [Fact]
    public async Task A_manager_finds_the_accounts_they_answer_for_and_their_campaigns_leads()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var mine = await Given.AccountAsync("Boulangeries Ferrand");
        await Given.AccountAsync("Ferrand Transports");
        manager = await Given.AssignAccountAsync(manager, mine);
        var campaign = await Given.CampaignAsync(mine);
        await LeadAsync(campaign, "Luc", "Ferrand", "Minoterie Ferrand");

        var results = await Search.SearchAsync(manager, "ferrand", 20);

        var account = Assert.Single(results.Accounts!.Items);
        Assert.Equal((mine.Id, 1L), (account.Id, results.Accounts.Total));
        Assert.Equal(1L, results.Leads!.Total);
        Assert.Equal(1L, results.Campaigns!.Total);
        Assert.Equal(3L, results.Total);
    }

    [Fact]
    public async Task Each_kind_lists_its_first_matches_and_counts_them_all()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await Given.LeadsAsync(campaign, 12); // every one is "Camille Martin n"

        var results = await Search.SearchAsync(admin, "camille martin", 5);

        Assert.Equal(5, results.Leads!.Items.Count);
        Assert.Equal(12L, results.Leads.Total);
        Assert.False(results.Leads.TotalIsEstimate);
        Assert.Equal(0L, results.Campaigns!.Total);
    }

    [Fact]
    public async Task Open_tasks_are_found_by_title_or_notes_the_bds_own_and_the_managers_team()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var account = await Given.AccountAsync();
        manager = await Given.AssignAccountAsync(manager, account);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Given.CampaignAsync(account, assignees: bd);
        var other = await Given.UserAsync(Roles.BusinessDeveloper);
        (manager, bd) = (await Given.ActorAsync(manager.UserId), await Given.ActorAsync(bd.UserId));
        var tasks = Get<ITaskService>();
        var byTitle = await tasks.CreateAsync(bd, new TaskInput { Title = "Envoyer le devis Quintessa" });
        var byNotes = await tasks.CreateAsync(bd, new TaskInput { Title = "Relancer", Notes = "Demander le devis signé à QUINTESSA" });
        var done = await tasks.CreateAsync(bd, new TaskInput { Title = "Quintessa : appel de cadrage" });
        await tasks.SetDoneAsync(bd, done, true);
        await tasks.CreateAsync(other, new TaskInput { Title = "Quintessa, pas la sienne" });

        var bdFound = (await Search.SearchAsync(bd, "quintessa", 20)).Tasks!;
        Assert.Equal(new[] { byTitle, byNotes }.Order(), bdFound.Items.Select(t => t.Id).Order());
        // The manager's team holds the BD; the other BD is in no campaign of theirs.
        Assert.Equal(2L, (await Search.SearchAsync(manager, "quintessa", 20)).Tasks!.Total);
    }

    [Fact]
    public async Task A_search_for_nothing_is_refused_before_any_read()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await LeadAsync(campaign, "A", "B", "C");

        foreach (var text in new[] { null, "", "   ", "a", " b " })
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => Search.SearchAsync(admin, text, 20));
            var failure = Assert.Single(refused.Errors);
            Assert.Equal(ErrorCodes.SearchTextTooShort, failure.ErrorCode);
            Assert.Equal(GlobalSearchRules.MinLength, failure.FormattedMessagePlaceholderValues["MinLength"]);
        }
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() =>
            Search.SearchAsync(admin, new string('x', GlobalSearchRules.MaxLength + 1), 20));
        Assert.Equal(ErrorCodes.SearchTextTooLong, Assert.Single(tooLong.Errors).ErrorCode);
        // At the bound it is a search (that finds nothing).
        var longest = await Search.SearchAsync(admin, new string('x', GlobalSearchRules.MaxLength), 20);
        Assert.Equal(0L, longest.Total);
    }

    [Fact]
    public async Task A_deactivated_person_searches_nothing()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var inactive = bd with { IsActive = false };

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Search.SearchAsync(inactive, "durand", 20));
        Assert.Equal(ErrorCodes.ForbiddenInactive, refused.Code);
    }

    private async Task<Domain.Leads.Lead> LeadAsync(Domain.Campaigns.Campaign campaign, string first, string last, string company)
    {
        var lead = Given.NewLeads(campaign, 1)[0];
        lead.FirstName = first;
        lead.LastName = last;
        lead.Company = company;
        await using var db = NewDb();
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead;
    }
}
