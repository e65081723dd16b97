using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Import;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Import;

/// <summary>
/// Stopping an import: the batches committed before the stop stay (and revert), the batch being written rolls back, the
/// rest of the file is never read, and nothing turns it back into Running or Completed. Batches of 3 rows: 12 rows, 4
/// batches, two writers.
/// </summary>
public sealed class ImportStopTests(DatabaseFixture fixture) : ImportTest(fixture)
{
    private static readonly string[] Rows = DistinctRows(12);

    private async Task<(Actor Manager, LeadImport Import)> StartedAsync(string[] rows)
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account);
        var import = await DraftAsync(campaign, manager, rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));
        return (manager, import);
    }

    [Fact]
    public async Task A_stop_during_a_batch_keeps_the_committed_batches_rolls_back_the_next_and_reverts_cleanly()
    {
        var (manager, import) = await StartedAsync(Rows);
        await using var events = await Fixture.RecordEventsAsync();
        Task? stop = null;
        Runner.BeforeCommit = async batch =>
        {
            if (batch != 2) return;
            // Batch 2 holds the checkpoint gate: the stop waits for it, so batch 2 commits and batch 3 finds the import stopped.
            stop = Imports.StopAsync(manager, import.Id);
            await Eventually.HoldsAsync(StopsWaitingAtTheGateAsync, count => count == 1, "the stop waits for batch 2", TimeSpan.FromSeconds(30));
        };
        await Runner.RunAsync(import.Id, CancellationToken.None);
        Runner.BeforeCommit = null;
        await stop!;

        // Batch 2 committed before the stop, and batch 3, whose checkpoint came after it, rolled back: the stop waited at the
        // gate ahead of it (ImportStopGate). With the import row's lock alone, batch 3 usually went first, and once a loaded
        // run saw the import complete before the stop got its turn.
        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Stopped, true), (result.State, result.CanRevert));
        Assert.Equal(6L, result.RowsRead);
        Assert.Equal(result.RowsRead, result.Created);
        Assert.NotNull(result.FinishedAt);
        await using (var db = NewDb())
        {
            Assert.Equal(result.Created, await db.Leads.CountAsync(l => l.ImportId == import.Id));
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == "import.stopped" && a.EntityId == import.Id);
            Assert.Equal(manager.UserId, audit.ActorId);
        }
        await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Stopped) && e.RowsRead == result.RowsRead);

        // Run again (a recovered trigger): a stopped import is left alone.
        await Runner.RunAsync(import.Id, CancellationToken.None);
        var again = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Stopped, result.RowsRead), (again.State, again.RowsRead));

        await Imports.RevertAsync(manager, import.Id);
        await using var after = NewDb();
        Assert.Equal(0, await after.Leads.CountAsync(l => l.ImportId == import.Id));
        Assert.Equal(ImportState.Reverted, (await Imports.GetAsync(manager, import.Id)).State);
    }

    [Fact]
    public async Task A_checkpoint_that_comes_while_a_stop_waits_goes_after_the_stop()
    {
        var (manager, import) = await StartedAsync(Rows);
        // One batch at its checkpoint, holding the gate and the import's row.
        await using var batch = new NpgsqlConnection(Fixture.ConnectionString);
        await batch.OpenAsync();
        await using var batchTx = await batch.BeginTransactionAsync();
        await LeadImportRunner.ExecuteAsync(batch, batchTx, ImportStopGate.PassSql, CancellationToken.None, ("id", import.Id));
        await LeadImportRunner.ExecuteAsync(batch, batchTx, "SELECT 1 FROM imports WHERE id = @id FOR NO KEY UPDATE", CancellationToken.None, ("id", import.Id));
        var stop = Imports.StopAsync(manager, import.Id);
        await Eventually.HoldsAsync(StopsWaitingAtTheGateAsync, count => count == 1, "the stop waits for the batch", TimeSpan.FromSeconds(30));

        // The next batch reaches its checkpoint now: it queues behind the waiting stop, not beside it.
        await using var next = new NpgsqlConnection(Fixture.ConnectionString);
        await next.OpenAsync();
        await using var nextTx = await next.BeginTransactionAsync();
        var nextPasses = LeadImportRunner.ExecuteAsync(next, nextTx, ImportStopGate.PassSql, CancellationToken.None, ("id", import.Id));
        await Eventually.HoldsAsync(() => SessionsAsync("wait_event_type = 'Lock' AND query LIKE 'SELECT pg_advisory_xact_lock_shared(%'"),
            count => count == 1, "the next checkpoint waits", TimeSpan.FromSeconds(30));

        await batchTx.CommitAsync();
        await stop;
        await nextPasses;
        var state = await LeadImportRunner.ScalarAsync<string>(next, nextTx, "SELECT state FROM imports WHERE id = @id FOR NO KEY UPDATE",
            CancellationToken.None, ("id", import.Id));
        Assert.Equal(nameof(ImportState.Stopped), state);
    }

    [Fact]
    public async Task A_stop_that_comes_after_the_last_batch_committed_is_not_overwritten_by_completed()
    {
        var (manager, import) = await StartedAsync(Rows.Take(6).ToArray());
        Runner.BeforeFinish = () => Imports.StopAsync(manager, import.Id);
        await Runner.RunAsync(import.Id, CancellationToken.None);
        Runner.BeforeFinish = null;

        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Stopped, 6L, 6L), (result.State, result.RowsRead, result.Created));
        Assert.Null(result.TotalRows);
    }

    [Fact]
    public async Task A_queued_import_stopped_before_its_job_runs_reads_nothing()
    {
        var (manager, import) = await StartedAsync(Rows);

        await Imports.StopAsync(manager, import.Id);
        await Runner.RunAsync(import.Id, CancellationToken.None);

        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Stopped, 0L, 0L, false), (result.State, result.RowsRead, result.Created, result.CanRevert));
    }

    [Fact]
    public async Task An_import_someone_else_stops_is_announced_as_its_starters()
    {
        var (manager, import) = await StartedAsync(Rows);
        var admin = await Given.UserAsync(Roles.Admin);
        await using var events = await Fixture.RecordEventsAsync();

        await Imports.StopAsync(admin, import.Id);

        // "Your import finished" goes to whoever started it, not to whoever stopped it.
        var stopped = await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Stopped));
        Assert.Equal(manager.UserId, stopped.CreatedById);
    }

    [Fact]
    public async Task Only_a_queued_or_running_import_is_stopped()
    {
        var (manager, import) = await StartedAsync(Rows.Take(2).ToArray());
        await Runner.RunAsync(import.Id, CancellationToken.None);

        var completed = await Assert.ThrowsAsync<ConflictException>(() => Imports.StopAsync(manager, import.Id));
        Assert.Equal(ImportErrors.StateInvalid, completed.Code);
        var draft = await DraftAsync(await Given.CampaignAsync(await Given.AccountAsync()), manager, Rows);
        await Assert.ThrowsAnyAsync<FacturixException>(() => Imports.StopAsync(manager, draft.Id));
        Assert.Equal(ImportState.Completed, (await Imports.GetAsync(manager, import.Id)).State);
    }

    /// <summary>Sessions waiting to close an import's stop gate: the stop queued behind a batch's checkpoint.</summary>
    private Task<long> StopsWaitingAtTheGateAsync() =>
        SessionsAsync("wait_event_type = 'Lock' AND query LIKE 'SELECT pg_advisory_xact_lock(%'");
}
