using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Workspace;

/// <summary>
/// What the outcome test classes share, on real PostgreSQL: a BD holding a lead of a campaign with the default outcomes,
/// and the lead and its activities read back. The clock sits on whole microseconds so times read back compare equal.
/// </summary>
public abstract class WorkspaceOutcomesTest(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    protected DateTimeOffset Now => Fixture.Clock.GetUtcNow();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        OutcomeTestData.ToWholeMicroseconds(Fixture.Clock);
    }

    protected async Task<(Actor Bd, Campaign Campaign, Lead Lead, IReadOnlyDictionary<string, CampaignOutcome> Outcomes)> LockedLeadAsync()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await using var db = NewDb();
        var outcomes = await OutcomeTestData.DefaultSetupAsync(db, campaign);
        await OutcomeTestData.LockAsync(db, lead, bd, Now);
        return (bd, campaign, lead, outcomes);
    }

    protected async Task<Lead> ReadAsync(Guid leadId)
    {
        await using var db = NewDb();
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Id == leadId);
    }

    protected async Task<List<Activity>> ActivitiesAsync(Guid leadId)
    {
        await using var db = NewDb();
        return await db.Activities.AsNoTracking().Where(a => a.LeadId == leadId).OrderBy(a => a.Kind).ToListAsync();
    }
}
