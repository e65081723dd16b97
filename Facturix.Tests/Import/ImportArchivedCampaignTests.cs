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
/// A completed or archived campaign takes no new leads (decisions 0084, 0092): the wizard's list hides it, and the service
/// refuses the upload and the start with the state's own code; an import queued (or resuming) when its campaign was
/// closed fails with that reason rather than import; closing the campaign stops an import already running.
/// </summary>
public sealed class ImportArchivedCampaignTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
    private IImportFiles Files => Services.GetRequiredService<IImportFiles>();

    private async Task ArchiveAsync(Campaign campaign, CampaignState state = CampaignState.Archived)
    {
        await using var db = NewDb();
        await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.State, state));
    }

    [Theory]
    [InlineData(CampaignState.Archived, ImportErrors.CampaignArchived)]
    [InlineData(CampaignState.Completed, ImportErrors.CampaignCompleted)]
    public async Task The_upload_and_the_start_into_a_closed_campaign_are_refused_with_their_reason_and_nothing_is_queued(CampaignState state, string reason)
    {
        var (manager, campaign, _) = await WorldAsync();
        var draft = await DraftAsync(campaign, manager, Rows); // uploaded while the campaign was active
        await ArchiveAsync(campaign, state);

        var bytes = Encoding.UTF8.GetBytes(ImportTest.Header + "\r\n" + Rows[0] + "\r\n");
        var upload = await Assert.ThrowsAsync<ConflictException>(() =>
            Files.UploadAsync(manager, campaign.Id, "leads.csv", bytes.Length, new MemoryStream(bytes)));
        Assert.Equal(reason, upload.Code);

        var start = await Assert.ThrowsAsync<ConflictException>(() => Imports.StartAsync(manager, draft.Id, Settings(DuplicatePolicy.Skip)));
        Assert.Equal(reason, start.Code);

        await using var db = NewDb();
        var stored = Assert.Single(await db.Imports.Where(i => i.CampaignId == campaign.Id).ToListAsync());
        Assert.Equal((draft.Id, ImportState.Draft), (stored.Id, stored.State));
        Assert.Empty(Launched.Ids);
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count);
    }

    [Theory]
    [InlineData(CampaignState.Archived, ImportErrors.CampaignArchived)]
    [InlineData(CampaignState.Completed, ImportErrors.CampaignCompleted)]
    public async Task A_queued_import_whose_campaign_was_closed_meanwhile_fails_with_that_reason_and_imports_nothing(CampaignState state, string reason)
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));
        await ArchiveAsync(campaign, state);
        await using var events = await Fixture.RecordEventsAsync();

        await Runner.RunAsync(import.Id, CancellationToken.None);

        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Failed, reason, 0L, 0L, false),
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

    [Fact]
    public async Task Completing_the_campaign_during_its_import_stops_it_at_the_next_checkpoint_with_that_reason_and_keeps_what_committed()
    {
        // Archiving follows completion (CampaignStateRules), so completing is where a running import meets a closing
        // campaign; archiving runs the same stop for an import left running before decision 0092.
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));
        var campaigns = Services.GetRequiredService<ICampaignService>();
        // The completion's confirmation is told an import is in progress.
        Assert.Equal(1, (await campaigns.GetAsync(manager, campaign.Id)).ImportsInProgress);
        await using var events = await Fixture.RecordEventsAsync();
        Task? complete = null;
        Runner.BeforeCommit = async batch =>
        {
            if (batch != 2) return;
            // Batch 2 holds the checkpoint gate: the completion's stop waits for it, so batch 2 commits and batch 3 finds
            // the import stopped at its checkpoint, as a person's stop (decision 0068).
            complete = campaigns.ChangeStateAsync(manager, campaign.Id, CampaignState.Completed, await CampaignVersionAsync(campaign.Id));
            await Eventually.HoldsAsync(() => SessionsAsync("wait_event_type = 'Lock' AND query LIKE 'SELECT pg_advisory_xact_lock(%'"),
                count => count == 1, "the completion waits for batch 2", TimeSpan.FromSeconds(30));
        };
        await Runner.RunAsync(import.Id, CancellationToken.None);
        Runner.BeforeCommit = null;
        await complete!;

        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Stopped, ImportErrors.CampaignCompleted, 6L, 1L, true),
            (result.State, result.Error, result.RowsRead, result.Created, result.CanRevert));
        Assert.Equal(3 + 1, (await LeadsAsync(campaign.Id)).Count); // Jean, from batch 1; nothing after batch 2
        var details = await campaigns.GetAsync(manager, campaign.Id);
        Assert.Equal((CampaignState.Completed, 0), (details.State, details.ImportsInProgress));
        var stopped = await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Stopped));
        Assert.Equal(manager.UserId, stopped.CreatedById);
        await using (var db = NewDb())
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "import.stopped" && a.EntityId == import.Id && a.ActorId == manager.UserId));

        // What committed is taken back by the usual revert.
        await Imports.RevertAsync(manager, import.Id);
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count);
    }

    private async Task<uint> CampaignVersionAsync(Guid campaignId)
    {
        await using var db = NewDb();
        return await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Version).SingleAsync();
    }
}
