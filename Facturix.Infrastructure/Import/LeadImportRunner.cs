using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Facturix.Infrastructure.Import;

public sealed class ImportJobOptions
{
    /// <summary>
    /// Rows per batch: one staging COPY, one merge, one commit with the checkpoint (docs/decisions/0057). 5,000 rather than
    /// 25,000 (decision 0069): a million rows import as fast (47 s against 49 s here) and the app's peak memory drops by the
    /// batches' garbage, since a batch's rows are what the GC's young generation fills with between two collections.
    /// </summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>
    /// Batches merged at the same time, each on its own connection (decision 0066): PostgreSQL spends one core per writer,
    /// and one writer left the second core of a two-core server idle. The Update policy always uses one (two batches may
    /// update the same lead).
    /// </summary>
    public int Writers { get; set; } = 2;

    /// <summary>
    /// Runs again after a transient failure (a lost connection, a database restart), in the same job execution
    /// (decision 0087): the first retry after this delay, each next one after twice the previous.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries in a row without the checkpoint moving before the import fails with <c>import.job.interrupted</c>: 5 s to 80 s, about 2.5 minutes in all.</summary>
    public int MaxRetries { get; set; } = 5;
}

/// <summary>
/// Runs one import to its end (issue 15, docs/decisions/0057): the file is read from the checkpoint on
/// (<see cref="LeadImport.RowsRead"/>), each batch is normalized in parallel while the previous one is written, then, in
/// ONE transaction per batch: its rejects, a binary COPY of its good rows into a temp staging table, one set-wise decision
/// and merge into <c>leads</c> (duplicate policy, import_lead_updates for revert), cross-client flags, scores and time
/// zones of updated leads, the counters and the new checkpoint, and the progress event. A crash loses at most the batch
/// in flight, which the rerun does again. One runner per import at a time (advisory lock). The batch itself is in
/// <c>LeadImportRunner.Batch.cs</c>.
/// </summary>
internal sealed partial class LeadImportRunner(
    IDbContextFactory<FacturixDb> dbFactory,
    IImportRowReader reader,
    IOptions<ImportJobOptions> options,
    ILogger<LeadImportRunner> log,
    TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
    /// <summary>Rows normalized together (in parallel); the batch is built from chunks, so a batch's raw rows are never all in memory.</summary>
    private const int ChunkSize = 2_048;

    /// <summary>Test seam: runs inside each batch's transaction just before its commit (1-based batch number of this run).</summary>
    internal Func<int, Task>? BeforeCommit { get; set; }

    /// <summary>Test seam: runs when the run is about to mark its import finished (after its last batch committed).</summary>
    internal Func<Task>? BeforeFinish { get; set; }

    public async Task RunAsync(Guid importId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var import = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null || import.State is not (ImportState.Queued or ImportState.Running) || import.Settings is null) return;
        var settings = JsonSerializer.Deserialize<ImportSettings>(import.Settings, Json)!;
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == import.CampaignId)
            .Select(c => new { c.Id, c.AccountId, c.TargetCountries }).FirstOrDefaultAsync(ct);
        if (campaign is null) return;

        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // A second runner (a recovered trigger, another node) leaves the import to the one holding the lock.
        if (!await ScalarAsync<bool>(connection, null, "SELECT pg_try_advisory_lock(hashtextextended(@id::text, 1508))", ct, ("id", importId)))
        {
            log.LogInformation("Import {ImportId} is already being run elsewhere.", importId);
            return;
        }
        try
        {
            await RunLockedAsync(db, connection, import, settings, campaign.TargetCountries, ct);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
                await ScalarAsync<bool>(connection, null, "SELECT pg_advisory_unlock(hashtextextended(@id::text, 1508))", CancellationToken.None, ("id", importId));
        }
    }

    private async Task RunLockedAsync(FacturixDb db, NpgsqlConnection connection, LeadImport import, ImportSettings settings,
        List<string> targetCountries, CancellationToken ct)
    {
        var state = await StateAsync(connection, import.Id, ct);
        if (state.State is not (ImportState.Queued or ImportState.Running)) return;
        var counters = state;
        string? campaignClosed;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var npgsqlTx = (NpgsqlTransaction)tx.GetDbTransaction();
            campaignClosed = await CampaignClosedAsync(connection, npgsqlTx, import.CampaignId, ct);
            // Only while still queued or running: a stop may have come since the state was read. Each run (a resume too)
            // notes when it began and the checkpoint it began from, so the rate leaves out the time the job was down.
            if (await ExecuteAsync(connection, npgsqlTx,
                    """
                    UPDATE imports SET state = 'Running', started_at = coalesce(started_at, @now), error = NULL,
                        run_started_at = @now, rows_read_at_run_start = rows_read
                    WHERE id = @id AND state IN ('Queued', 'Running')
                    """, ct,
                    ("id", import.Id), ("now", clock.GetUtcNow())) == 0)
                return;
            if (campaignClosed is null) await PublishProgressAsync(connection, npgsqlTx, import, counters, ImportState.Running, ct);
            await tx.CommitAsync(ct);
        }
        if (campaignClosed is { } reason)
        {
            // Completed or archived while the import queued (or before a resume): it takes no new leads (decisions 0084,
            // 0092). The import fails with that reason and reads no row; batches a run before committed stay, as after a
            // stop, for revert.
            log.LogWarning("Import {ImportId} failed: its campaign {CampaignId} takes no more leads ({Reason}).", import.Id, import.CampaignId, reason);
            await FinishAsync(db, connection, import, ImportState.Failed, reason, ct);
            return;
        }

        var writers = settings.DuplicatePolicy == DuplicatePolicy.Update ? 1 : Math.Clamp(options.Value.Writers, 1, MaxWriters);
        var extraContexts = new List<FacturixDb>();
        try
        {
            var lanes = new List<WriterLane> { new(db, connection, new ImportStepTimes()) };
            for (var i = 1; i < writers; i++)
            {
                var extra = await dbFactory.CreateDbContextAsync(ct);
                extraContexts.Add(extra);
                extra.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                await extra.Database.OpenConnectionAsync(ct);
                lanes.Add(new WriterLane(extra, (NpgsqlConnection)extra.Database.GetDbConnection(), new ImportStepTimes()));
            }
            // Each writer's session needs the other clients' keys (a session temp table); the lanes compute them side by side.
            await Task.WhenAll(lanes.Select(lane => ExecuteAsync(lane.Connection, null, ImportSql.ForeignKeys, ct, ("account", import.AccountId),
                ("freemail", DuplicateKeys.FreeMailDomains.ToArray()),
                ("freeprefix", "^(" + string.Join('|', DuplicateKeys.FreeMailPrefixes.Select(p => p.TrimEnd('.'))) + ")\\."),
                ("social", DuplicateKeys.SocialNetworkPattern))));
            await WriteAllAsync(lanes, import, settings, targetCountries, counters, ct);
        }
        finally
        {
            foreach (var extra in extraContexts) await extra.DisposeAsync();
        }
    }

    private const int MaxWriters = 8;

    /// <summary>One writer: its connection (and the DbContext owning it) and where its database time went.</summary>
    private sealed record WriterLane(FacturixDb Db, NpgsqlConnection Connection, ImportStepTimes Times);

    private async Task WriteAllAsync(List<WriterLane> lanes, LeadImport import, ImportSettings settings, List<string> targetCountries,
        Counters counters, CancellationToken ct)
    {
        var (db, connection) = (lanes[0].Db, lanes[0].Connection);

        var context = new ImportRowContext(targetCountries.ToHashSet(StringComparer.Ordinal), clock.GetUtcNow());
        var mapper = new ImportRowMapper(settings.Columns, DefaultCountry(targetCountries));
        var batchSize = Math.Max(1, options.Value.BatchSize);

        // The next batch is read, normalized and encoded while this one is written: at most two batches in memory, each a few
        // bytes a row (StagedBatch), and the file is read a chunk at a time. The producer starts a batch only once the channel
        // is empty again, that is once the writer has taken the previous one: without that wait it built a third batch
        // while one was being written and the next one waited in the channel.
        var channel = Channel.CreateBounded<StagedBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        // Written batches come back to the producer to be filled again (at most one filling, one waiting and one per writer
        // exist), so their buffers are allocated once per run rather than once per batch.
        var written = Channel.CreateUnbounded<StagedBatch>(new UnboundedChannelOptions { SingleReader = true });
        StagedBatch NextBatch(StagedBatch? previous) =>
            written.Reader.TryRead(out var recycled) ? recycled.Reset(previous) : new StagedBatch(import.Id, settings.DuplicatePolicy, previous);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = NextBatch(null);
                foreach (var chunk in ImportBatches.Read(reader, import.StoredPath, import.Kind, settings.Format, counters.RowsRead,
                             Math.Min(ChunkSize, batchSize)))
                {
                    var now = clock.GetUtcNow();
                    foreach (var row in ImportBatches.Process(chunk, mapper, context))
                    {
                        batch.Add(row, Guid.CreateVersion7(now));
                        if (batch.Rows < batchSize) continue;
                        await channel.Writer.WriteAsync(batch, stop.Token);
                        await channel.Writer.WaitToWriteAsync(stop.Token);
                        batch = NextBatch(batch);
                    }
                }
                if (batch.Rows > 0) await channel.Writer.WriteAsync(batch, stop.Token);
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        var sinceProgress = Stopwatch.StartNew();
        var batchNumber = 0;
        var waitingForRows = Stopwatch.StartNew();
        // Batch n goes to lane n % lanes; a lane takes its next batch once its previous one ended. Each batch commits after
        // the one before it (WriteBatchAsync awaits it), so a failure anywhere rolls back every later batch in flight.
        var inFlight = new Task<Counters>?[lanes.Count];
        Task<Counters> last = Task.FromResult(counters);
        try
        {
            try
            {
                await foreach (var batch in channel.Reader.ReadAllAsync(ct))
                {
                    waitingForRows.Stop();
                    var lane = batchNumber % lanes.Count;
                    batchNumber++;
                    if (inFlight[lane] is { } busy) await busy;
                    var publish = sinceProgress.Elapsed >= ProgressInterval;
                    if (publish) sinceProgress.Restart();
                    last = inFlight[lane] = WriteAndRecycleAsync(lanes[lane], batch, batchNumber, last, publish);
                    waitingForRows.Start();
                }
                counters = await last;
            }
            finally
            {
                // No connection is used again (finishing, disposing) while one of its batches is still running.
                foreach (var running in inFlight.OfType<Task<Counters>>())
                    await running.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
        catch (ImportReadException ex)
        {
            log.LogWarning(ex.InnerException, "Import {ImportId} failed: its file could not be read.", import.Id);
            await FinishAsync(db, connection, import, ImportState.Failed, ex.InnerException is FacturixException f ? f.Code : ImportErrors.FileUnreadable,
                CancellationToken.None);
            return;
        }
        catch (ImportStoppedException)
        {
            // The stop already marked it, published it and audited it; the batch that found it rolled back.
            log.LogInformation("Import {ImportId} was stopped after {Batches} batches.", import.Id, batchNumber);
            return;
        }
        catch (CheckpointMovedException)
        {
            log.LogWarning("Import {ImportId}: its checkpoint moved under this runner; leaving it to the other.", import.Id);
            return;
        }
        catch (PostgresException ex) when (IsRefusedData(ex))
        {
            // The file holds a value the database refuses (data or integrity class): a rerun would refuse it again, and
            // nothing reruns an import that threw, so it said "Running" for ever. It fails instead; the batch in flight rolled
            // back and the earlier ones stay, as after a stop (decision 0068), so revert can take them back.
            log.LogError(ex, "Import {ImportId} failed: PostgreSQL refused a batch ({SqlState}).", import.Id, ex.SqlState);
            await FinishAsync(db, connection, import, ImportState.Failed, ImportErrors.RowsRefused, CancellationToken.None);
            return;
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
        await FinishAsync(db, connection, import, ImportState.Completed, null, ct);
        log.LogInformation("Import {ImportId} wrote {Batches} batches with {Writers} writers; waiting for rows {Waiting:F1} s; database: {Steps}.",
            import.Id, batchNumber, lanes.Count, waitingForRows.Elapsed.TotalSeconds, string.Join("; ", lanes.Select(l => l.Times)));

        async Task<Counters> WriteAndRecycleAsync(WriterLane lane, StagedBatch batch, int number, Task<Counters> previous, bool publish)
        {
            try
            {
                return await WriteBatchAsync(lane, import, settings.DuplicatePolicy, previous, batch, number, publish, ct);
            }
            finally
            {
                written.Writer.TryWrite(batch);
            }
        }
    }

    /// <summary>The region of national phone numbers and the country of rows without one: the campaign's first target country, else France.</summary>
    internal static string DefaultCountry(IReadOnlyList<string> targetCountries) =>
        targetCountries.Select(c => c.Trim().ToUpperInvariant()).FirstOrDefault(c => E164.Regions.Contains(c)) ?? LeadCleanupPreview.DefaultCountry;
}
