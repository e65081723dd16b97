using Facturix.Domain.Activities;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Import;

/// <summary>
/// When revert is refused (issue 15: "while they have no activity"): the leads an import updated count from the import's
/// start, the ones it created from their creation, and a lead someone is working on stops it too. Each refusal changes
/// nothing; once the reason is gone the same revert goes through. The twelve-row world of <see cref="ImportJobTest"/>.
/// </summary>
public sealed class ImportRevertTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
    [Fact]
    public async Task An_updated_lead_with_activity_since_the_import_stops_the_revert_activity_from_before_does_not()
    {
        var (manager, campaign, existing) = await WorldAsync();
        var (anne, pierre) = (existing[0], existing[1]);
        // Anne was called last week: that is her history, not a reason to keep what the import wrote over her.
        await NoteAsync(anne, manager, Fixture.Clock.GetUtcNow().AddDays(-7));
        var import = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, import, DuplicatePolicy.Update);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var call = await NoteAsync(pierre, manager, Fixture.Clock.GetUtcNow());

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Imports.RevertAsync(manager, import.Id));

        Assert.Equal(ImportErrors.RevertHasActivity, refused.Code);
        Assert.Equal(ImportState.Completed, (await Imports.GetAsync(manager, import.Id)).State);
        Assert.Equal("Paul", (await LeadAsync(pierre.Id)).FirstName); // the update stays
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count(l => l.ImportId == import.Id));

        await using (var db = NewDb())
            await db.Activities.Where(a => a.Id == call).ExecuteDeleteAsync();
        await Imports.RevertAsync(manager, import.Id);

        Assert.Equal(ImportState.Reverted, (await Imports.GetAsync(manager, import.Id)).State);
        Assert.Equal(("Old", "Pierre"), ((await LeadAsync(anne.Id)).FirstName, (await LeadAsync(pierre.Id)).FirstName));
        Assert.DoesNotContain(await LeadsAsync(campaign.Id), l => l.ImportId == import.Id);
    }

    [Fact]
    public async Task A_lead_of_the_import_someone_holds_stops_the_revert_until_the_lease_runs_out()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, import, DuplicatePolicy.Skip);
        var now = Fixture.Clock.GetUtcNow();
        await using (var db = NewDb())
            await db.Leads.Where(l => l.ImportId == import.Id && l.Email == "luc@zeta.fr").ExecuteUpdateAsync(u => u
                .SetProperty(l => l.LockedById, manager.UserId).SetProperty(l => l.LockedAt, now)
                .SetProperty(l => l.LockExpiresAt, now.AddMinutes(2)));

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Imports.RevertAsync(manager, import.Id));

        Assert.Equal(ImportErrors.RevertHasActivity, refused.Code);
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count(l => l.ImportId == import.Id));

        Fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        await Imports.RevertAsync(manager, import.Id);

        Assert.Equal(ImportState.Reverted, (await Imports.GetAsync(manager, import.Id)).State);
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count);
    }

    private async Task<Guid> NoteAsync(Lead lead, Facturix.Domain.Users.Actor by, DateTimeOffset at)
    {
        var id = Guid.CreateVersion7();
        await using var db = NewDb();
        db.Activities.Add(new Activity
        {
            Id = id, LeadId = lead.Id, CampaignId = lead.CampaignId, AccountId = lead.AccountId, UserId = by.UserId,
            Kind = ActivityKind.Note, Body = "Appelé", OccurredAt = at, CreatedAt = at,
        });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<Lead> LeadAsync(Guid id)
    {
        await using var db = NewDb();
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Id == id);
    }
}
