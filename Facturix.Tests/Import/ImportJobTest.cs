using System.Text;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Import;

/// <summary>
/// The world the import job tests share: a campaign with three leads and a twelve-row file against them (batches of 3,
/// so the file takes 4 batches).
/// </summary>
public abstract class ImportJobTest(DatabaseFixture fixture) : ImportTest(fixture)
{
    /// <summary>
    /// Twelve data rows (lines 2-13). Against the campaign's three leads (anne@existing.fr, +33698765432, SIREN 732829320):
    /// 3 new (L2, L10, L12), 3 matching a lead of the campaign (L3 email, L4 phone typed nationally, L5 SIREN), 3 duplicates
    /// within the file (L6 of L2 in an earlier batch, L11 of L10 by email in another case, L13 of L12 in the same batch),
    /// 3 rejected (L7 email, L8 neither name nor company, L9 phone).
    /// </summary>
    protected static readonly string[] Rows =
    [
        "jean;DUPONT;Acme;Jean.Dupont@Acme.fr;06 11 22 33 44;;France;Directeur commercial",
        "Anne;Martin;Beta;anne@existing.fr;;;;",
        "Paul;Durand;Gamma;;06 98 76 54 32;;;PDG",
        ";;Delta SAS;;;732 829 320;;",
        "Jean;Dupont;Acme;jean.dupont@acme.fr;;;;",
        "Zoé;Petit;;=1+1;;;;",
        ";;;x@y.fr;;;;",
        "Luc;Roux;Epsilon;;12;;;",
        "Marie;Curie;Radium;marie@radium.be;+32 2 555 12 12;;Belgique;",
        "Marie;Curie;Radium;MARIE@radium.be;;;;",
        "Luc;Dupuis;Zeta;luc@zeta.fr;;;;",
        "Luc;Dupuis;Zeta;luc@zeta.fr;;;;",
    ];

    protected async Task<(Actor Manager, Campaign Campaign, Lead[] Existing)> WorldAsync()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account);
        var now = Fixture.Clock.GetUtcNow();
        Lead Existing(string first, string company, string? email, string? phone, string? siren, string? jobTitle = null) => new()
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = account.Id, FirstName = first, LastName = "Ancien",
            Company = company, Email = email, Phone = phone, Siren = siren, JobTitle = jobTitle, CreatedAt = now, UpdatedAt = now,
        };
        Lead[] existing =
        [
            Existing("Old", "Beta Old", "anne@existing.fr", null, null),
            Existing("Pierre", "Gamma Old", null, "+33698765432", null, "Assistant"),
            Existing("Sophie", "Delta Old", null, null, "732829320"),
        ];
        await using var db = NewDb();
        db.Leads.AddRange(existing);
        await db.SaveChangesAsync();
        return (manager, campaign, existing);
    }

    protected async Task<List<Lead>> LeadsAsync(Guid campaignId)
    {
        await using var db = NewDb();
        return await db.Leads.AsNoTracking().Where(l => l.CampaignId == campaignId).ToListAsync();
    }
}
