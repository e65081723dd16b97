using Facturix.Domain.Campaigns;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Campaigns;

/// <summary>
/// What the campaign service test classes share: the service, an overview input for a new campaign, and the campaign's
/// row version, which every write sends back.
/// </summary>
public abstract class CampaignServiceTest(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    protected ICampaignService Campaigns => Get<ICampaignService>();

    protected static CampaignInput NewCampaign(Guid accountId, string name = "Relance salons 2026") => new()
    {
        AccountId = accountId, Name = name, Objective = "Rendez-vous qualifiés", TargetCount = 40,
        StartsOn = new DateTime(2026, 9, 1), EndsOn = new DateTime(2026, 12, 18),
    };

    protected async Task<uint> VersionOf(Guid campaignId)
    {
        await using var db = NewDb();
        return await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Version).SingleAsync();
    }
}
