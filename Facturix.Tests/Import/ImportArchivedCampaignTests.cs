using System.Text;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>
/// An archived campaign takes no new leads (decision 0084): the wizard's list hides it, and the service refuses the upload
/// and the start with their own code; an import queued (or resuming) when its campaign was archived fails with that reason
/// rather than import.
/// </summary>
public sealed class ImportArchivedCampaignTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
    private IImportFiles Files => Services.GetRequiredService<IImportFiles>();

    private async Task ArchiveAsync(Campaign campaign)
    {
        await using var db = NewDb();
        await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.State, CampaignState.Archived));
    }

    [Fact]
    public async Task The_upload_and_the_start_into_an_archived_campaign_are_refused_with_their_reason_and_nothing_is_queued()
    {
        var (manager, campaign, _) = await WorldAsync();
        var draft = await DraftAsync(campaign, manager, Rows); // uploaded while the campaign was active
        await ArchiveAsync(campaign);

        var bytes = Encoding.UTF8.GetBytes(ImportTest.Header + "\r\n" + Rows[0] + "\r\n");
        var upload = await Assert.ThrowsAsync<ConflictException>(() =>
            Files.UploadAsync(manager, campaign.Id, "leads.csv", bytes.Length, new MemoryStream(bytes)));
        Assert.Equal(ImportErrors.CampaignArchived, upload.Code);

        var start = await Assert.ThrowsAsync<ConflictException>(() => Imports.StartAsync(manager, draft.Id, Settings(DuplicatePolicy.Skip)));
        Assert.Equal(ImportErrors.CampaignArchived, start.Code);

        await using var db = NewDb();
        var stored = Assert.Single(await db.Imports.Where(i => i.CampaignId == campaign.Id).ToListAsync());
        Assert.Equal((draft.Id, ImportState.Draft), (stored.Id, stored.State));
        Assert.Empty(Launched.Ids);
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count);
    }

    [Fact]
    public async Task A_queued_import_whose_campaign_was_archived_meanwhile_fails_with_that_reason_and_imports_nothing()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));
        await ArchiveAsync(campaign);
        await using var events = await Fixture.RecordEventsAsync();

        await Runner.RunAsync(import.Id, CancellationToken.None);

        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Failed, ImportErrors.CampaignArchived, 0L, 0L, false),
            (result.State, result.Error, result.RowsRead, result.Created, result.CanRevert));
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count);
        // Open progress pages and lists hear that it failed.
        await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Failed));
    }

    [Fact]
    public async Task An_import_resuming_into_a_campaign_archived_while_it_was_down_fails_and_keeps_what_it_committed()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));
        Runner.BeforeCommit = batch => batch == 3 ? throw new IOException("killed") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => Runner.RunAsync(import.Id, CancellationToken.None));
        Runner.BeforeCommit = null;
        await ArchiveAsync(campaign);

        await Runner.RunAsync(import.Id, CancellationToken.None);

        // The two batches committed before the crash stay (Jean created) and can be reverted; nothing past them is read.
        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Failed, ImportErrors.CampaignArchived, 6L, 1L, true),
            (result.State, result.Error, result.RowsRead, result.Created, result.CanRevert));
        Assert.Equal(3 + 1, (await LeadsAsync(campaign.Id)).Count);
    }
}
