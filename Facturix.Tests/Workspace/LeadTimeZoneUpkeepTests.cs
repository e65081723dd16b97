using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Workspace;

/// <summary>leads.time_zone follows the phone and the country on the lead page's edit (Get Next filters on it in SQL).</summary>
public sealed class LeadTimeZoneUpkeepTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Editing_the_phone_or_the_country_keeps_the_lead_zone_true()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        var leads = Get<ILeadService>();

        await leads.UpdateAsync(admin, lead.Id, new LeadEditInput { Company = "Érable Inc.", Phone = "+1 514 555 1234", Country = "CA" }, await VersionAsync(lead.Id));
        Assert.Equal("America/Toronto", await ZoneAsync(lead.Id));

        await leads.UpdateAsync(admin, lead.Id, new LeadEditInput { Company = "Érable Inc.", Phone = null, Country = "BE" }, await VersionAsync(lead.Id));
        Assert.Equal("Europe/Brussels", await ZoneAsync(lead.Id));

        await leads.UpdateAsync(admin, lead.Id, new LeadEditInput { Company = "Érable Inc.", Phone = "06 12 34 56 78", Country = "FR" }, await VersionAsync(lead.Id));
        Assert.Equal("Europe/Paris", await ZoneAsync(lead.Id));
    }

    private async Task<uint> VersionAsync(Guid id)
    {
        await using var db = NewDb();
        return await db.Leads.Where(l => l.Id == id).Select(l => l.Version).SingleAsync();
    }

    private async Task<string?> ZoneAsync(Guid id)
    {
        await using var db = NewDb();
        return await db.Leads.Where(l => l.Id == id).Select(l => l.TimeZone).SingleAsync();
    }
}
