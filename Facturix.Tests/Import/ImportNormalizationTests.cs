using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Import;

/// <summary>
/// Normalization on the way in, through the job (issue 15): national phone numbers are read in the row's country, else
/// the campaign's (its first target country), and countries are written as ISO codes from French or English names.
/// </summary>
public sealed class ImportNormalizationTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
    [Fact]
    public async Task A_row_without_a_country_takes_the_campaigns_for_its_phone_and_named_countries_become_iso_codes()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account);
        await using (var db = NewDb())
        {
            var tracked = await db.Campaigns.SingleAsync(c => c.Id == campaign.Id);
            tracked.TargetCountries = ["BE", "FR"]; // a Belgian campaign
            await db.SaveChangesAsync();
        }
        var import = await DraftAsync(campaign, manager,
            "marc;LAMBERT; Omega ;Marc@Omega.be;02 555 12 12;;;",
            "Julie;Roy;Sigma;;06 11 22 33 44;;France;",
            "Anna;Vogel;Delta;;;;Allemagne;",
            "Tom;Smith;Epsilon;;;;United Kingdom;");

        var result = await ImportAsync(manager, import, DuplicatePolicy.Skip);

        Assert.Equal((ImportState.Completed, 4L, 0L), (result.State, result.Created, result.Rejected));
        var leads = (await LeadsAsync(campaign.Id)).OrderBy(l => l.LastName).ToList();
        Assert.Equal(
            [("Lambert", "Marc", "Omega", "marc@omega.be", "+3225551212", "BE", "Europe/Brussels"),
             ("Roy", "Julie", "Sigma", null, "+33611223344", "FR", "Europe/Paris"),
             ("Smith", "Tom", "Epsilon", null, null, "GB", "Europe/London"),
             ("Vogel", "Anna", "Delta", null, null, "DE", "Europe/Berlin")],
            leads.Select(l => (l.LastName, l.FirstName, l.Company, l.Email, l.Phone, l.Country.Trim(), l.TimeZone)));
    }
}
