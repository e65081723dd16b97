using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Leads;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturix.Tests.Leads;

/// <summary>The leads list's reads against PostgreSQL: each filter, sorting, paging, scope, folding search, the total.</summary>
public sealed class LeadQueriesTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private ILeadQueries Queries => Get<ILeadQueries>();

    private async Task<Lead> LeadAsync(Campaign campaign, string first, string last, string company, Action<Lead>? with = null)
    {
        var lead = new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = campaign.AccountId,
            FirstName = first, LastName = last, Company = company, Email = $"{Guid.NewGuid():N}@example.fr", Phone = "+33612345678",
            CreatedAt = T0, UpdatedAt = T0,
        };
        with?.Invoke(lead);
        await using var db = NewDb();
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead;
    }

    private async Task<IReadOnlyList<Guid>> IdsAsync(Actor actor, LeadListQuery query, PageRequest? page = null) =>
        (await Queries.ListAsync(actor, query, page ?? new PageRequest(PageSize: 200))).Items.Select(r => r.Id).ToList();

    [Fact]
    public async Task A_BD_sees_only_the_leads_of_their_campaigns_and_a_manager_only_their_accounts()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var manager = await Given.UserAsync(Roles.Manager);
        var mine = await Given.AccountAsync();
        var other = await Given.AccountAsync();
        var assigned = await Given.CampaignAsync(mine, assignees: bd);
        var unassigned = await Given.CampaignAsync(mine);
        var elsewhere = await Given.CampaignAsync(other);
        manager = await Given.AssignAccountAsync(manager, mine);
        var a = await LeadAsync(assigned, "Anne", "A", "A SA");
        var b = await LeadAsync(unassigned, "Bruno", "B", "B SA");
        var c = await LeadAsync(elsewhere, "Chloé", "C", "C SA");
        var admin = await Given.UserAsync(Roles.Admin);

        Assert.Equal([a.Id], await IdsAsync(bd, new LeadListQuery()));
        Assert.Empty(await IdsAsync(bd, new LeadListQuery(CampaignId: unassigned.Id)));
        Assert.Equal(new[] { a.Id, b.Id }.Order(), (await IdsAsync(manager, new LeadListQuery())).Order());
        Assert.Equal(new[] { a.Id, b.Id, c.Id }.Order(), (await IdsAsync(admin, new LeadListQuery())).Order());
        var options = await Queries.GetFilterOptionsAsync(bd, unassigned.Id);
        Assert.Equal([assigned.Id], options.Campaigns.Select(x => x.Id));
        Assert.Empty(options.Statuses);
    }

    [Fact]
    public async Task Reading_leads_needs_the_capability_and_an_active_actor()
    {
        var deactivated = (await Given.UserAsync(Roles.Admin)) with { IsActive = false };
        await Assert.ThrowsAsync<ForbiddenException>(() => Queries.ListAsync(deactivated, new LeadListQuery(), new PageRequest()));
    }

    [Fact]
    public async Task The_quick_search_ignores_accents_and_case_and_tolerates_a_typo()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var helene = await LeadAsync(campaign, "Hélène", "Dupont", "Boulangerie Crème");
        var other = await LeadAsync(campaign, "Marc", "Lefèvre", "Garage Moderne", l => { l.Email = "marc@garage.fr"; l.Phone = "+33145678901"; });

        Assert.Equal([helene.Id], await IdsAsync(admin, new LeadListQuery(Search: "helene")));
        Assert.Equal([helene.Id], await IdsAsync(admin, new LeadListQuery(Search: "HÉLÈNE")));
        Assert.Equal([helene.Id], await IdsAsync(admin, new LeadListQuery(Search: "Dupond")));
        Assert.Equal([helene.Id], await IdsAsync(admin, new LeadListQuery(Search: "creme")));
        Assert.Equal([other.Id], await IdsAsync(admin, new LeadListQuery(Search: "lefevre")));
        Assert.Equal([other.Id], await IdsAsync(admin, new LeadListQuery(Search: "marc@garage")));
        Assert.Equal([other.Id], await IdsAsync(admin, new LeadListQuery(Search: "45678901")));
        Assert.Empty(await IdsAsync(admin, new LeadListQuery(Search: "Zorglub")));
        // Every word counts: a close first name does not drag in another person's leads.
        Assert.Equal([helene.Id], await IdsAsync(admin, new LeadListQuery(Search: "helene dupond")));
        Assert.Empty(await IdsAsync(admin, new LeadListQuery(Search: "helene lefevre")));
        // A wildcard typed in the box is a character, not "anything".
        Assert.Empty(await IdsAsync(admin, new LeadListQuery(Search: "%")));
    }

    [Fact]
    public async Task The_stored_search_text_follows_every_write_and_the_app_never_sends_it()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var lead = await LeadAsync(campaign, "Hélène", "Dupont", "Boulangerie Crème");

        // A tracked edit (EF sends only the changed name; the trigger folds the row again).
        await using (var db = NewDb())
        {
            var tracked = await db.Leads.SingleAsync(l => l.Id == lead.Id);
            tracked.LastName = "Lefèvre";
            await db.SaveChangesAsync();
            Assert.Equal("helene lefevre boulangerie creme " + lead.Email + " +33612345678",
                db.Entry(tracked).Property<string?>(LeadSearchSql.SearchTextProperty).CurrentValue);
        }
        Assert.Equal([lead.Id], await IdsAsync(admin, new LeadListQuery(Search: "lefevre")));
        Assert.Empty(await IdsAsync(admin, new LeadListQuery(Search: "dupont")));
        // The new name joined the typo dictionary (decision 0054): a typo of it finds the lead.
        Assert.Equal([lead.Id], await IdsAsync(admin, new LeadListQuery(Search: "lefevrr")));

        // A set-based update, and a write that tries to set the column itself: the trigger wins.
        await using (var db = NewDb())
        {
            await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Company, "Garage Élan"));
            await db.Database.ExecuteSqlRawAsync("UPDATE leads SET search_text = 'zorglub' WHERE id = {0}", lead.Id);
        }
        Assert.Equal([lead.Id], await IdsAsync(admin, new LeadListQuery(Search: "elan")));
        Assert.Empty(await IdsAsync(admin, new LeadListQuery(Search: "zorglub")));
    }

    [Fact]
    public async Task The_search_uses_the_trigram_index()
    {
        await using var db = NewDb();
        var plan = await QueryPlans.WithoutSeqScanAsync(db, """
            SELECT id FROM leads WHERE search_text
                LIKE public.facturix_unaccent('%dupont%') OR public.facturix_unaccent('dupond') <% search_text
            """);
        Assert.Contains(plan, line => line.Contains(LeadSearchSql.IndexName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_filter_narrows_the_list()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var owner = await Given.UserAsync(Roles.BusinessDeveloper);
        var account = await Given.AccountAsync();
        var campaign = await Given.CampaignAsync(account);
        var otherAccount = await Given.AccountAsync();
        var otherCampaign = await Given.CampaignAsync(otherAccount);
        var status = new CampaignStatus { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, Key = "rdv", Label = "RDV pris", Stage = LeadStatus.MeetingBooked };
        await using (var db = NewDb())
        {
            db.CampaignStatuses.Add(status);
            await db.SaveChangesAsync();
        }
        var plain = await LeadAsync(campaign, "Paul", "Plain", "Plain SARL");
        var rich = await LeadAsync(campaign, "Rita", "Rich", "Rich SAS", l =>
        {
            l.Status = LeadStatus.MeetingBooked; l.CampaignStatusId = status.Id; l.OwnerId = owner.UserId; l.Score = 80;
            l.Country = "BE"; l.CreatedAt = T0.AddDays(10); l.LastActivityAt = T0.AddDays(12);
        });
        var bare = await LeadAsync(otherCampaign, "Nina", "Nophone", "Bare SA", l =>
        {
            l.Email = null; l.Phone = null; l.Status = LeadStatus.Converted; l.Score = 20;
        });

        Assert.Equal([bare.Id], await IdsAsync(admin, new LeadListQuery(CampaignId: otherCampaign.Id)));
        Assert.Equal([bare.Id], await IdsAsync(admin, new LeadListQuery(AccountId: otherAccount.Id)));
        Assert.Equal([rich.Id], await IdsAsync(admin, new LeadListQuery(CampaignStatusId: status.Id)));
        Assert.Equal([rich.Id], await IdsAsync(admin, new LeadListQuery(Category: StatusCategory.InProgress)));
        Assert.Equal([bare.Id], await IdsAsync(admin, new LeadListQuery(Category: StatusCategory.Won)));
        Assert.Equal([plain.Id], await IdsAsync(admin, new LeadListQuery(Category: StatusCategory.New)));
        Assert.Equal([rich.Id], await IdsAsync(admin, new LeadListQuery(OwnerId: owner.UserId)));
        Assert.Equal([rich.Id], await IdsAsync(admin, new LeadListQuery(ScoreMin: 50)));
        Assert.Equal(new[] { plain.Id, bare.Id }.Order(), (await IdsAsync(admin, new LeadListQuery(ScoreMax: 30))).Order());
        Assert.Equal([bare.Id], await IdsAsync(admin, new LeadListQuery(ScoreMin: 10, ScoreMax: 30)));
        Assert.Equal([rich.Id], await IdsAsync(admin, new LeadListQuery(Country: "be")));
        Assert.Equal([rich.Id], await IdsAsync(admin, new LeadListQuery(CreatedFrom: T0.AddDays(5))));
        Assert.Equal(2, (await IdsAsync(admin, new LeadListQuery(CreatedTo: T0.AddDays(5)))).Count);
        Assert.Equal([rich.Id], await IdsAsync(admin, new LeadListQuery(LastActivityFrom: T0.AddDays(11), LastActivityTo: T0.AddDays(13))));
        Assert.Empty(await IdsAsync(admin, new LeadListQuery(LastActivityTo: T0.AddDays(11))));
        // The filter panel sends Paris days with their offset; PostgreSQL's driver writes only UTC instants.
        var paris = TimeSpan.FromHours(2);
        Assert.Equal([rich.Id], await IdsAsync(admin, new LeadListQuery(
            CreatedFrom: T0.AddDays(5).ToOffset(paris), LastActivityFrom: T0.AddDays(11).ToOffset(paris), LastActivityTo: T0.AddDays(13).ToOffset(paris))));
        Assert.Equal(2, (await IdsAsync(admin, new LeadListQuery(CreatedTo: T0.AddDays(5).ToOffset(paris)))).Count);
        Assert.Equal([bare.Id], await IdsAsync(admin, new LeadListQuery(HasEmail: false)));
        Assert.Equal(2, (await IdsAsync(admin, new LeadListQuery(HasPhone: true))).Count);

        var options = await Queries.GetFilterOptionsAsync(admin, campaign.Id);
        Assert.Equal([status.Id], options.Statuses.Select(s => s.Id));
        Assert.Equal(StatusCategory.InProgress, options.Statuses.Single().Category);
        Assert.Equal(["BE", "FR"], options.Countries);
        Assert.Contains(options.Owners, o => o.UserId == owner.UserId);
        var row = (await Queries.ListAsync(admin, new LeadListQuery(OwnerId: owner.UserId), new PageRequest())).Items.Single();
        Assert.Equal(("RDV pris", owner.DisplayName, campaign.Name, account.Name, "BE"), (row.CampaignStatusLabel, row.OwnerName, row.CampaignName, row.AccountName, row.Country));
    }

    [Fact]
    public async Task Sorting_and_paging_walk_the_whole_list_once()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var scores = new[] { 40, 10, 30, 50, 20 };
        foreach (var (score, i) in scores.Select((s, i) => (s, i)))
            await LeadAsync(campaign, "Lead", $"N{i}", $"Société {(char)('E' - i)}", l => l.Score = score);

        var page0 = await Queries.ListAsync(admin, new LeadListQuery(), new PageRequest(0, 2, LeadListQuery.Sort.Score, SortDescending: true));
        var page1 = await Queries.ListAsync(admin, new LeadListQuery(), new PageRequest(1, 2, LeadListQuery.Sort.Score, SortDescending: true));
        var page2 = await Queries.ListAsync(admin, new LeadListQuery(), new PageRequest(2, 2, LeadListQuery.Sort.Score, SortDescending: true));
        Assert.Equal([50, 40, 30, 20, 10], page0.Items.Concat(page1.Items).Concat(page2.Items).Select(r => r.Score));
        Assert.Equal((5L, false), (page0.Total, page0.TotalIsEstimate));

        var byCompany = await Queries.ListAsync(admin, new LeadListQuery(), new PageRequest(0, 5, LeadListQuery.Sort.Company));
        Assert.Equal(["Société A", "Société B", "Société C", "Société D", "Société E"], byCompany.Items.Select(r => r.Company));
    }

    [Fact]
    public async Task A_locked_row_names_its_locker_until_the_lock_expires()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var now = Fixture.Clock.GetUtcNow();
        await LeadAsync(campaign, "Held", "Lead", "Held SA", l => { l.LockedById = bd.UserId; l.LockedAt = now; l.LockExpiresAt = now.AddMinutes(5); });
        await LeadAsync(campaign, "Stale", "Lead", "Stale SA", l => { l.LockedById = bd.UserId; l.LockedAt = now.AddHours(-1); l.LockExpiresAt = now.AddMinutes(-1); });

        var rows = (await Queries.ListAsync(admin, new LeadListQuery(), new PageRequest())).Items;
        Assert.Equal(bd.Email, rows.Single(r => r.Company == "Held SA").LockedByEmail);
        Assert.Null(rows.Single(r => r.Company == "Stale SA").LockedByEmail);
    }

    [Fact]
    public async Task A_search_lists_leads_holding_every_word_as_typed_first_then_newest_first_on_every_page()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var paul = await LeadAsync(campaign, "Paul", "Martin", "Alpha", l => l.CreatedAt = T0);
        var luc = await LeadAsync(campaign, "Luc", "Martin", "Beta", l => l.CreatedAt = T0.AddDays(2));
        var marc = await LeadAsync(campaign, "Marc", "Martin", "Gamma", l => l.CreatedAt = T0.AddDays(1));
        var jean = await LeadAsync(campaign, "Jean", "Martinn", "Delta", l => l.CreatedAt = T0.AddDays(9));
        await LeadAsync(campaign, "Zoé", "Durand", "Epsilon", l => l.CreatedAt = T0.AddDays(3));

        // All four hold "martin" as typed ("Martinn" too): newest first.
        Assert.Equal([jean.Id, luc.Id, marc.Id, paul.Id], await IdsAsync(admin, new LeadListQuery(Search: "martin")));
        // A word a typo away still finds its leads; every word must match.
        Assert.Equal([paul.Id], await IdsAsync(admin, new LeadListQuery(Search: "martim paul")));
        Assert.Equal([luc.Id], await IdsAsync(admin, new LeadListQuery(Search: "luc martinn")));

        // A lead holding every word as typed comes before a newer one that holds a word only a typo away, page after page,
        // whether the matches are ranked in one pass (under the exact-count limit) or sorted by the database (past it,
        // where the total becomes a marked estimate).
        var pierre = await LeadAsync(campaign, "Pierre", "Roux", "Zeta", l => l.CreatedAt = T0.AddDays(20));
        var pierrd = await LeadAsync(campaign, "Pierrd", "Roux", "Eta", l => l.CreatedAt = T0.AddDays(1));
        foreach (var limit in new[] { 10_000, 1 })
        {
            var queries = new LeadQueries(Get<IDbContextFactory<FacturixDb>>(), Fixture.Clock,
                Options.Create(new LeadListOptions { ExactCountLimit = limit }));
            var first = await queries.ListAsync(admin, new LeadListQuery(Search: "pierrd roux"), new PageRequest(0, 1));
            var second = await queries.ListAsync(admin, new LeadListQuery(Search: "pierrd roux"), new PageRequest(1, 1));
            Assert.Equal(pierrd.Id, first.Items.Single().Id);
            Assert.Equal(pierre.Id, second.Items.Single().Id);
            Assert.Equal(limit == 1, first.TotalIsEstimate);
            if (limit > 1) Assert.Equal(2, first.Total);
        }
    }
}
