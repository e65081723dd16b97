using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>
/// Revert refuses to throw away what happened to an import's leads after it (decision 0086): a later import's update
/// (revert that one first, then this one goes through), an edit, a task. Each refusal changes nothing. The twelve-row
/// world of <see cref="ImportJobTest"/>: with the Update policy the file updates Anne, Pierre and Sophie and creates Jean,
/// Marie and Luc.
/// </summary>
public sealed class ImportRevertSinceTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
    [Theory]
    [InlineData("Anna;Martin;Beta;anne@existing.fr;;;;", "anne@existing.fr")] // a lead the first import updated
    [InlineData("Jeannot;Dupont;Acme;jean.dupont@acme.fr;;;;", "jean.dupont@acme.fr")] // a lead the first import created
    public async Task A_later_import_of_the_same_lead_stops_the_revert_until_that_import_is_reverted_first(string laterRow, string email)
    {
        var (manager, campaign, _) = await WorldAsync();
        var first = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, first, DuplicatePolicy.Update);
        var afterFirst = (await ByEmailAsync(campaign.Id, email)).FirstName;
        Fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await DraftAsync(campaign, manager, laterRow);
        Assert.Equal(1L, (await ImportAsync(manager, later, DuplicatePolicy.Update)).Updated);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Imports.RevertAsync(manager, first.Id));

        Assert.Equal(ImportErrors.RevertLaterImport, refused.Code);
        Assert.Equal(ImportState.Completed, (await Imports.GetAsync(manager, first.Id)).State);
        Assert.Equal(laterRow.Split(';')[0], (await ByEmailAsync(campaign.Id, email)).FirstName); // the later update stays
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count(l => l.ImportId == first.Id));

        // The later one first: the lead is back as the first import left it, and the first one reverts too.
        await Imports.RevertAsync(manager, later.Id);
        Assert.Equal(afterFirst, (await ByEmailAsync(campaign.Id, email)).FirstName);
        await Imports.RevertAsync(manager, first.Id);

        Assert.Equal(ImportState.Reverted, (await Imports.GetAsync(manager, first.Id)).State);
        var leads = await LeadsAsync(campaign.Id);
        Assert.Equal(["Old", "Pierre", "Sophie"], leads.Select(l => l.FirstName!).Order());
    }

    [Theory]
    [InlineData("+33698765432")] // Pierre, whom the import updated
    [InlineData("luc@zeta.fr")] // Luc, whom it created
    public async Task A_lead_edited_since_the_import_stops_the_revert(string key)
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, import, DuplicatePolicy.Update);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var lead = (await LeadsAsync(campaign.Id)).Single(l => l.Phone == key || l.Email == key);
        var leads = Services.GetRequiredService<ILeadService>();
        await leads.UpdateAsync(manager, lead.Id, new LeadEditInput
        {
            FirstName = "Corrigé", LastName = lead.LastName, Company = lead.Company, Email = lead.Email, Phone = lead.Phone, Country = lead.Country,
        }, lead.Version);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Imports.RevertAsync(manager, import.Id));

        Assert.Equal(ImportErrors.RevertChangedSince, refused.Code);
        Assert.Equal(ImportState.Completed, (await Imports.GetAsync(manager, import.Id)).State);
        Assert.Equal("Corrigé", (await LeadsAsync(campaign.Id)).Single(l => l.Id == lead.Id).FirstName);
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count(l => l.ImportId == import.Id));
    }

    [Theory]
    [InlineData("luc@zeta.fr")] // created by the import: revert would delete the task with the lead
    [InlineData("anne@existing.fr")] // updated by it: the task was made on the values it wrote
    public async Task A_task_on_a_lead_of_the_import_stops_the_revert_like_an_activity(string email)
    {
        var (manager, campaign, existing) = await WorldAsync();
        // A task on Pierre from before the import is his history, not a reason to keep what the import wrote.
        await TaskAsync(existing[1], manager, Fixture.Clock.GetUtcNow().AddDays(-3));
        var import = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, import, DuplicatePolicy.Update);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var task = await TaskAsync(await ByEmailAsync(campaign.Id, email), manager, Fixture.Clock.GetUtcNow());

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Imports.RevertAsync(manager, import.Id));

        Assert.Equal(ImportErrors.RevertHasActivity, refused.Code);
        await using (var db = NewDb())
        {
            Assert.True(await db.Tasks.AnyAsync(t => t.Id == task));
            await db.Tasks.Where(t => t.Id == task).ExecuteDeleteAsync();
        }
        await Imports.RevertAsync(manager, import.Id);
        Assert.Equal(ImportState.Reverted, (await Imports.GetAsync(manager, import.Id)).State);
    }

    private async Task<Lead> ByEmailAsync(Guid campaignId, string email) => (await LeadsAsync(campaignId)).Single(l => l.Email == email);

    private async Task<Guid> TaskAsync(Lead lead, Actor by, DateTimeOffset at)
    {
        var id = Guid.CreateVersion7();
        await using var db = NewDb();
        db.Tasks.Add(new TaskItem
        {
            Id = id, Title = "Rappeler", AssigneeId = by.UserId, CreatedById = by.UserId, LeadId = lead.Id, AccountId = lead.AccountId,
            CampaignId = lead.CampaignId, DueAt = at.AddDays(1), CreatedAt = at, UpdatedAt = at,
        });
        await db.SaveChangesAsync();
        return id;
    }
}
