using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Infrastructure.Import;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Facturix.Tests.Import;

/// <summary>
/// Closing a campaign and an import starting at the same instant (decision 0093): the close locks the campaign row before
/// it lists the imports to stop, and the start and each run's start read the campaign under a share lock in the
/// transaction of their write, so one waits for the other and then sees what it did. Each test holds one side's
/// transaction open on the real PostgreSQL, as that side holds it between its lock and its commit, and checks the other
/// side waits for it.
/// </summary>
public sealed class ImportCloseRaceTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
    private const string StartWaits = "wait_event_type = 'Lock' AND query LIKE 'SELECT status FROM campaigns%FOR SHARE'";

    [Fact]
    public async Task A_start_while_the_campaign_closes_waits_for_the_close_and_is_then_refused()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        // The completion between its list of imports (this one is a draft: not in it) and its commit.
        await using var close = await HoldAsync(ImportArchiveStop.CampaignLockSql, campaign.Id);

        var start = Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));
        await Eventually.HoldsAsync(() => SessionsAsync(StartWaits), n => n == 1, "the start waits for the close", TimeSpan.FromSeconds(30));
        Assert.False(start.IsCompleted);
        await close.RunAsync("UPDATE campaigns SET status = 'Completed' WHERE id = @id", campaign.Id);
        await close.Transaction.CommitAsync();

        var refused = await Assert.ThrowsAsync<ConflictException>(() => start);
        Assert.Equal(ImportErrors.CampaignCompleted, refused.Code);
        await using var db = NewDb();
        Assert.Equal(ImportState.Draft, await db.Imports.Where(i => i.Id == import.Id).Select(i => i.State).SingleAsync());
        Assert.Empty(Launched.Ids);
    }

    [Fact]
    public async Task A_close_while_an_import_starts_waits_for_the_start_and_then_stops_the_import()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        // The start between its read of the campaign (open) and its commit: the import queued, not yet visible.
        await using var start = await HoldAsync(ImportArchiveStop.CampaignStateSql, campaign.Id);
        await start.RunAsync("UPDATE imports SET state = 'Queued' WHERE id = @id", import.Id);

        var campaigns = Services.GetRequiredService<ICampaignService>();
        var version = await CampaignVersionAsync(campaign.Id);
        var complete = campaigns.ChangeStateAsync(manager, campaign.Id, CampaignState.Completed, version);
        await Eventually.HoldsAsync(() => SessionsAsync("wait_event_type = 'Lock' AND query LIKE 'SELECT 1 FROM campaigns%FOR NO KEY UPDATE'"),
            n => n == 1, "the close waits for the start, before listing the imports", TimeSpan.FromSeconds(30));
        Assert.False(complete.IsCompleted);
        await start.Transaction.CommitAsync();
        await complete;

        var stopped = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Stopped, ImportErrors.CampaignCompleted), (stopped.State, stopped.Error));
        // Its job then finds it stopped and reads nothing.
        await Runner.RunAsync(import.Id, CancellationToken.None);
        var after = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Stopped, 0L), (after.State, after.RowsRead));
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count);
    }

    [Fact]
    public async Task A_run_beginning_while_the_campaign_closes_waits_for_the_close_and_then_imports_nothing()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));
        // A close holding the campaign row; whether it listed this import or not, the run must not begin on an open read.
        await using var close = await HoldAsync(ImportArchiveStop.CampaignLockSql, campaign.Id);

        var run = Runner.RunAsync(import.Id, CancellationToken.None);
        await Eventually.HoldsAsync(() => SessionsAsync(StartWaits), n => n == 1, "the run's start waits for the close", TimeSpan.FromSeconds(30));
        Assert.False(run.IsCompleted);
        await close.RunAsync("UPDATE campaigns SET status = 'Completed' WHERE id = @id", campaign.Id);
        await close.Transaction.CommitAsync();
        await run;

        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Failed, ImportErrors.CampaignCompleted, 0L, 0L),
            (result.State, result.Error, result.RowsRead, result.Created));
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count);
    }

    [Fact]
    public async Task The_close_does_not_wait_for_a_batch_holding_the_campaign_through_its_leads_foreign_key()
    {
        var (manager, campaign, _) = await WorldAsync();
        // What a batch that inserted leads holds until its commit, including while it waits for the previous batch in the
        // app (decision 0066): the campaign row FOR KEY SHARE, through leads.campaign_id's foreign key.
        await using var batch = await HoldAsync("SELECT 1 FROM campaigns WHERE id = @id FOR KEY SHARE", campaign.Id);

        var campaigns = Services.GetRequiredService<ICampaignService>();
        await campaigns.ChangeStateAsync(manager, campaign.Id, CampaignState.Completed, await CampaignVersionAsync(campaign.Id))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(CampaignState.Completed, (await campaigns.GetAsync(manager, campaign.Id)).State);
    }

    /// <summary>A transaction of its own that has run <paramref name="sql"/> (@id) and stays open until committed or disposed.</summary>
    private async Task<Held> HoldAsync(string sql, Guid id)
    {
        var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        var held = new Held(connection, await connection.BeginTransactionAsync());
        await held.RunAsync(sql, id);
        return held;
    }

    private sealed record Held(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async Task RunAsync(string sql, Guid id)
        {
            await using var command = new NpgsqlCommand(sql, Connection, Transaction);
            command.Parameters.AddWithValue("id", id);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    private async Task<uint> CampaignVersionAsync(Guid campaignId)
    {
        await using var db = NewDb();
        return await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Version).SingleAsync();
    }
}
