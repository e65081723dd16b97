using Facturix.Domain.Campaigns;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Infrastructure.Leads.Duplicates;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>
/// Revert clears the cross-client flags that held only through the leads it takes back (decision 0086): a scan after the
/// import flagged another client's lead because the import brought the same company in; once the import is reverted that
/// flag is false, while a flag another client's lead still justifies stays.
/// </summary>
public sealed class ImportRevertCrossClientTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
    [Fact]
    public async Task Revert_clears_the_flags_its_leads_alone_justified_and_keeps_the_others()
    {
        var (manager, campaign, _) = await WorldAsync();
        // Other clients: Zeta only through the imported Luc (luc@zeta.fr); Radium (the imported Marie, marie@radium.be) also
        // through a third client, so its flags hold without the import.
        var zeta = await OtherClientLeadAsync("contact@zeta.fr");
        var radium = await OtherClientLeadAsync("info@radium.be");
        var radiumElsewhere = await OtherClientLeadAsync("ventes@radium.be");
        var import = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, import, DuplicatePolicy.Skip);
        await Services.GetRequiredService<DuplicateScanner>().ScanAsync();
        Assert.Subset(await FlaggedAsync(), new HashSet<Guid> { zeta.Id, radium.Id, radiumElsewhere.Id });

        await Imports.RevertAsync(manager, import.Id);

        var flagged = await FlaggedAsync();
        Assert.DoesNotContain(zeta.Id, flagged);
        Assert.Contains(radium.Id, flagged);
        Assert.Contains(radiumElsewhere.Id, flagged);
        await using var db = NewDb();
        Assert.False(await db.LeadCrossClientConflicts.AnyAsync(f => !db.Leads.Any(l => l.Id == f.LeadId)));
    }

    [Fact]
    public async Task Revert_clears_the_flag_an_update_raised_once_the_lead_has_its_old_company_back()
    {
        var (manager, campaign, existing) = await WorldAsync();
        var anne = existing[0];
        var other = await OtherClientLeadAsync("direction@autre-client.fr", siren: "552100554");
        // The update gives Anne another client's SIREN: the import flags her.
        var import = await DraftAsync(campaign, manager, "Anne;Martin;Beta;anne@existing.fr;;552 100 554;;");
        Assert.Equal(1L, (await ImportAsync(manager, import, DuplicatePolicy.Update)).Updated);
        await Services.GetRequiredService<DuplicateScanner>().ScanAsync();
        Assert.Subset(await FlaggedAsync(), new HashSet<Guid> { anne.Id, other.Id });

        await Imports.RevertAsync(manager, import.Id);

        var flagged = await FlaggedAsync();
        Assert.DoesNotContain(anne.Id, flagged);
        Assert.DoesNotContain(other.Id, flagged);
    }

    private async Task<HashSet<Guid>> FlaggedAsync()
    {
        await using var db = NewDb();
        return (await db.LeadCrossClientConflicts.Select(f => f.LeadId).ToListAsync()).ToHashSet();
    }

    private async Task<Lead> OtherClientLeadAsync(string email, string? siren = null)
    {
        var account = await Given.AccountAsync();
        Campaign campaign = await Given.CampaignAsync(account);
        var now = Fixture.Clock.GetUtcNow();
        var lead = new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = account.Id, FirstName = "Autre", LastName = "Client",
            Company = email.Split('@')[1], Email = email, Siren = siren, CreatedAt = now, UpdatedAt = now,
        };
        await using var db = NewDb();
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead;
    }
}
