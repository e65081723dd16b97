using Facturix.Domain.Campaigns;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Import;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>
/// The hourly cleanup of uploads (client lead lists, personal data): a draft abandoned for a day goes with its file; a
/// finished import's file goes after 30 days while its record stays; both are audited as the system's doing; fresh
/// ones are left alone, and a second run finds nothing.
/// </summary>
public sealed class ImportFileCleanupTests(DatabaseFixture fixture) : ImportTest(fixture)
{
    [Fact]
    public async Task Abandoned_drafts_and_old_finished_files_are_removed_fresh_ones_stay_and_it_is_audited()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync("Acme"), CampaignState.Active);
        var oldDraft = await DraftAsync(campaign, admin, "Ada;Lovelace;Acme;ada@acme.fr;;;;");
        var oldImport = await DraftAsync(campaign, admin, "Alan;Turing;Acme;alan@acme.fr;;;;");
        await ImportAsync(admin, oldImport, DuplicatePolicy.Skip);
        await using (var db = NewDb())
        {
            // A day and a month ago, as far as the job can tell.
            await db.Imports.Where(i => i.Id == oldDraft.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.CreatedAt, Fixture.Clock.GetUtcNow().AddHours(-25)));
            await db.Imports.Where(i => i.Id == oldImport.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.FinishedAt, Fixture.Clock.GetUtcNow().AddDays(-31)));
        }
        var freshDraft = await DraftAsync(campaign, admin, "Grace;Hopper;Acme;grace@acme.fr;;;;");
        var freshImport = await DraftAsync(campaign, admin, "Edsger;Dijkstra;Acme;edsger@acme.fr;;;;");
        await ImportAsync(admin, freshImport, DuplicatePolicy.Skip);
        var job = ActivatorUtilities.CreateInstance<ImportFileCleanupJob>(Services);

        Assert.Equal((1, 1), await job.RunAsync(CancellationToken.None));

        Assert.False(File.Exists(oldDraft.StoredPath));
        Assert.False(File.Exists(oldImport.StoredPath));
        Assert.True(File.Exists(freshDraft.StoredPath));
        Assert.True(File.Exists(freshImport.StoredPath));
        await using (var db = NewDb())
        {
            Assert.Equal(new[] { freshDraft.Id, oldImport.Id, freshImport.Id }.Order(), (await db.Imports.Select(i => i.Id).ToListAsync()).Order());
            Assert.Equal(ImportState.Completed, (await db.Imports.SingleAsync(i => i.Id == oldImport.Id)).State);
            var audit = await db.AuditEvents.Where(e => e.EntityType == "import" && e.ActorId == null).ToListAsync();
            Assert.Equal([("import.draft-expired", oldDraft.Id), ("import.file-deleted", oldImport.Id)],
                audit.OrderBy(e => e.Action).Select(e => (e.Action, e.EntityId!.Value)));
        }

        Assert.Equal((0, 0), await job.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_running_import_keeps_its_file_however_old()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync("Acme"), CampaignState.Active);
        var running = await DraftAsync(campaign, admin, "Ada;Lovelace;Acme;ada@acme.fr;;;;");
        await using (var db = NewDb())
            await db.Imports.Where(i => i.Id == running.Id).ExecuteUpdateAsync(u => u
                .SetProperty(i => i.State, ImportState.Running).SetProperty(i => i.CreatedAt, Fixture.Clock.GetUtcNow().AddDays(-40)));

        Assert.Equal((0, 0), await ActivatorUtilities.CreateInstance<ImportFileCleanupJob>(Services).RunAsync(CancellationToken.None));
        Assert.True(File.Exists(running.StoredPath));
    }
}
