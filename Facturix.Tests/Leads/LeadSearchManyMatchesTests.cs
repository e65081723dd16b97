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

/// <summary>
/// A quick search with more matches than the exact-count limit (decision 0070): its first pages walk the leads newest first
/// when many hold the words as typed, the others are sorted by the database, and every page agrees with the one order
/// (as typed first, then newest, then id) whichever served it.
/// </summary>
public sealed class LeadSearchManyMatchesTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private const int Limit = 20;

    private LeadQueries Queries => new(Get<IDbContextFactory<FacturixDb>>(), Fixture.Clock, Options.Create(new LeadListOptions { ExactCountLimit = Limit }));

    /// <summary>Leads named <paramref name="first"/>, the i-th created <paramref name="days"/>(i) days after T0, inserted in that order.</summary>
    private async Task<List<Lead>> LeadsAsync(Campaign campaign, string first, int count, Func<int, double> days)
    {
        var leads = Enumerable.Range(0, count).Select(i => new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = campaign.AccountId,
            FirstName = first, LastName = $"Nom{i:D2}", Company = "Société", CreatedAt = T0.AddDays(days(i)), UpdatedAt = T0,
        }).ToList();
        await using var db = NewDb();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync();
        return leads;
    }

    /// <summary>The list's default order for a search: as typed first, then newest, then ids as PostgreSQL compares them.</summary>
    private static List<Guid> Ordered(IEnumerable<Lead> asTyped, IEnumerable<Lead> typoAway) =>
        [.. Newest(asTyped), .. Newest(typoAway)];

    private static IEnumerable<Guid> Newest(IEnumerable<Lead> leads) =>
        leads.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id.ToString(), StringComparer.Ordinal).Select(l => l.Id);

    private async Task<List<Guid>> EveryPageAsync(Actor admin, string search, int pageSize, int total)
    {
        var ids = new List<Guid>();
        for (var skip = 0; skip < total; skip += pageSize)
        {
            var page = await Queries.ListAsync(admin, new LeadListQuery(Search: search), new PageRequest(skip / pageSize, pageSize));
            Assert.True(page.TotalIsEstimate, "past the limit the total is an estimate");
            Assert.True(page.Total > Limit);
            ids.AddRange(page.Items.Select(r => r.Id));
        }
        return ids;
    }

    [Fact]
    public async Task Many_leads_as_typed_a_newer_one_a_typo_away_and_ties_page_in_one_order()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        // Thirty "Pierrd" (two by two on the same day: ties broken by id), then a "Pierre" newer than all of them, which
        // matches only as a known word a typo away and so comes last.
        var asTyped = await LeadsAsync(campaign, "Pierrd", 30, i => i / 2);
        var typoAway = await LeadsAsync(campaign, "Pierre", 1, _ => 100);

        var first = await Queries.ListAsync(admin, new LeadListQuery(Search: "pierrd"), new PageRequest(0, 2));

        var expected = Ordered(asTyped, typoAway);
        Assert.Equal(expected.Take(2), first.Items.Select(r => r.Id));
        Assert.Equal(("Pierrd", "Société"), (first.Items[0].FirstName, first.Items[0].Company));
        Assert.Equal(expected, await EveryPageAsync(admin, "pierrd", 2, expected.Count));
        Assert.Equal(expected, await EveryPageAsync(admin, "pierrd", 25, expected.Count));
    }

    [Fact]
    public async Task A_few_leads_as_typed_among_many_a_typo_away_still_come_first()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var typoAway = await LeadsAsync(campaign, "Pierre", 30, i => 10 + i);
        var asTyped = await LeadsAsync(campaign, "Pierrd", 2, i => i);

        var expected = Ordered(asTyped, typoAway);
        Assert.Equal(expected, await EveryPageAsync(admin, "pierrd", 2, expected.Count));
    }

    [Fact]
    public async Task The_walk_keeps_to_the_viewers_scope()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var other = await Given.CampaignAsync(await Given.AccountAsync());
        var mine = await LeadsAsync(campaign, "Pierrd", 30, i => i);
        // Newer leads of another client's campaign: a walk that forgot the scope would show them first.
        await LeadsAsync(other, "Pierrd", 10, i => 50 + i);

        var first = await Queries.ListAsync(bd, new LeadListQuery(Search: "pierrd"), new PageRequest(0, 2));

        Assert.Equal(Newest(mine).Take(2), first.Items.Select(r => r.Id));
    }
}
