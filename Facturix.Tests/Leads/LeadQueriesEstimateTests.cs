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
/// The leads list's total past the exact-count limit: the planner's estimate, marked as one (ADR 0033), and for a scoped
/// actor read over their campaigns as values. With a limit of 10, so a few hundred leads are enough.
/// </summary>
public sealed class LeadQueriesEstimateTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Past_the_exact_count_limit_the_total_is_a_marked_estimate()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await Given.LeadsAsync(campaign, 30);
        await using (var db = NewDb()) await db.Database.ExecuteSqlRawAsync("ANALYZE leads");
        var queries = new LeadQueries(Get<IDbContextFactory<FacturixDb>>(), Fixture.Clock,
            Options.Create(new LeadListOptions { ExactCountLimit = 10 }));

        var estimated = await queries.ListAsync(admin, new LeadListQuery(), new PageRequest(0, 5));
        Assert.True(estimated.TotalIsEstimate);
        Assert.InRange(estimated.Total, 11, 1000);
        Assert.Equal(5, estimated.Items.Count);

        await using (var db = NewDb())
            await db.Leads.Where(l => l.CampaignId == campaign.Id).OrderBy(l => l.Id).Take(8).ExecuteUpdateAsync(u => u.SetProperty(l => l.Score, 50));
        var exact = await queries.ListAsync(admin, new LeadListQuery(ScoreMin: 50), new PageRequest(0, 5));
        Assert.Equal((8L, false), (exact.Total, exact.TotalIsEstimate));
    }

    [Fact]
    public async Task A_managers_estimate_counts_the_leads_of_their_own_campaigns()
    {
        // 300 leads in the manager's client, 1,200 elsewhere. With the scope as a subquery the planner guessed the share it
        // keeps (the demo's manager read "≈ 15 000" for 13,000 leads); with the campaigns as values it reads their counts.
        var manager = await Given.UserAsync(Roles.Manager);
        var mine = await Given.AccountAsync();
        manager = await Given.AssignAccountAsync(manager, mine);
        await Given.LeadsAsync(await Given.CampaignAsync(mine), 200);
        await Given.LeadsAsync(await Given.CampaignAsync(mine), 100);
        var elsewhere = await Given.AccountAsync();
        await Given.LeadsAsync(await Given.CampaignAsync(elsewhere), 700);
        await Given.LeadsAsync(await Given.CampaignAsync(elsewhere), 500);
        await using (var db = NewDb()) await db.Database.ExecuteSqlRawAsync("ANALYZE leads");
        var queries = new LeadQueries(Get<IDbContextFactory<FacturixDb>>(), Fixture.Clock,
            Options.Create(new LeadListOptions { ExactCountLimit = 10 }));

        var page = await queries.ListAsync(manager, new LeadListQuery(), new PageRequest(0, 5));

        Assert.True(page.TotalIsEstimate);
        Assert.InRange(page.Total, 285, 315);
    }
}
