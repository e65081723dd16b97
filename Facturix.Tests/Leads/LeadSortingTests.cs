using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;

namespace Facturix.Tests.Leads;

/// <summary>
/// Every sortable column of the leads list against PostgreSQL, both ways (LeadQueriesTests covers score, company and
/// paging): names in French reading order, never-touched leads last whichever the direction.
/// </summary>
public sealed class LeadSortingTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private async Task<Lead> LeadAsync(Campaign campaign, string last, Action<Lead> with)
    {
        var lead = new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = campaign.AccountId,
            FirstName = "Camille", LastName = last, Company = "Société", CreatedAt = T0, UpdatedAt = T0,
        };
        with(lead);
        await using var db = NewDb();
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead;
    }

    [Fact]
    public async Task Each_sortable_column_orders_the_list_both_ways()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync();
        var zebre = await Given.CampaignAsync(account);
        var alpha = await Given.CampaignAsync(account);
        await using (var db = NewDb())
        {
            (await db.Campaigns.FindAsync(zebre.Id))!.Name = "Zèbre";
            (await db.Campaigns.FindAsync(alpha.Id))!.Name = "Élan";
            await db.SaveChangesAsync();
        }
        var a = await LeadAsync(alpha, "Durand", l => { l.Status = LeadStatus.Contacted; l.Country = "FR"; l.LastActivityAt = T0.AddDays(3); });
        var b = await LeadAsync(zebre, "Émery", l => { l.Status = LeadStatus.New; l.Country = "BE"; l.CreatedAt = T0.AddDays(1); });
        var c = await LeadAsync(zebre, "Fabre", l => { l.Status = LeadStatus.Converted; l.Country = "DE"; l.CreatedAt = T0.AddDays(2); l.LastActivityAt = T0.AddDays(1); });

        async Task<Guid[]> Sorted(string column, bool descending) =>
            (await Get<ILeadQueries>().ListAsync(admin, new LeadListQuery(), new PageRequest(0, 10, column, descending)))
                .Items.Select(r => r.Id).ToArray();

        // "Émery" between "Durand" and "Fabre" (French order), not after "Z" as a byte order would put it.
        Assert.Equal([a.Id, b.Id, c.Id], await Sorted(LeadListQuery.Sort.Name, false));
        Assert.Equal([c.Id, b.Id, a.Id], await Sorted(LeadListQuery.Sort.Name, true));
        // "Élan" before "Zèbre"; ties broken by id, so pages never overlap.
        Assert.Equal(a.Id, (await Sorted(LeadListQuery.Sort.Campaign, false))[0]);
        Assert.Equal(a.Id, (await Sorted(LeadListQuery.Sort.Campaign, true))[2]);
        // Pipeline order (New, Contacted, Converted), not the stored names' alphabetical one (Contacted, Converted, New).
        Assert.Equal([b.Id, a.Id, c.Id], await Sorted(LeadListQuery.Sort.Status, false));
        Assert.Equal([c.Id, a.Id, b.Id], await Sorted(LeadListQuery.Sort.Status, true));
        Assert.Equal([b.Id, c.Id, a.Id], await Sorted(LeadListQuery.Sort.Country, false));
        Assert.Equal([a.Id, c.Id, b.Id], await Sorted(LeadListQuery.Sort.Country, true));
        Assert.Equal([a.Id, b.Id, c.Id], await Sorted(LeadListQuery.Sort.CreatedAt, false));
        Assert.Equal([c.Id, b.Id, a.Id], await Sorted(LeadListQuery.Sort.CreatedAt, true));
        // The never-touched lead (b) last both ways.
        Assert.Equal([c.Id, a.Id, b.Id], await Sorted(LeadListQuery.Sort.LastActivityAt, false));
        Assert.Equal([a.Id, c.Id, b.Id], await Sorted(LeadListQuery.Sort.LastActivityAt, true));
        // No column: newest first.
        Assert.Equal([c.Id, b.Id, a.Id], await Sorted("", false));
    }
}
