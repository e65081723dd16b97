using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.LiveEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Facturix.Infrastructure.Import;

/// <summary>One batch of an import, in one transaction: rejects, staging COPY, decision, merge, flags, scores, checkpoint.</summary>
internal sealed partial class LeadImportRunner
{
    /// <summary>Read by the leads' insert trigger (migration LeadSearchWordsSetWise): the batch writes its words itself.</summary>
    private const string DeferSearchWordsSetting = "facturix.defer_search_words";

    /// <summary>
    /// Writes <paramref name="batch"/> in one transaction on <paramref name="lane"/>'s connection. Everything up to the merge
    /// may run while the previous batch (another lane) is still open; the batch commits only after <paramref name="previous"/>
    /// has committed, so the checkpoint is always a prefix of the file (decision 0066). Until then it holds no lock the
    /// previous batch may need: the import row only FOR KEY SHARE (the rejects' foreign key), and no typo-dictionary word
    /// (inserted after the wait, not by the leads trigger), so a lane waiting here can never block the one it waits for.
    /// </summary>
    private async Task<Counters> WriteBatchAsync(WriterLane lane, LeadImport import, DuplicatePolicy policy,
        Task<Counters> previous, StagedBatch batch, int batchNumber, bool publish, CancellationToken ct)
    {
        var (db, connection, times) = (lane.Db, lane.Connection, lane.Times);
        var now = clock.GetUtcNow();
        times.Begin("begin");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        // No wait for the WAL flush at commit: a crash may lose the last batches' commits, but each carries its own checkpoint,
        // so the rerun starts from the last batch that did reach the disk and redoes the rest (nothing lost, nothing doubled).
        await ExecuteAsync(connection, transaction, "SET LOCAL synchronous_commit = off", ct);
        // No JIT compilation of the batch's statements: the decision's forced index probes (enable_seqscan off below) price
        // its plan in the billions, so PostgreSQL compiled and optimized it with LLVM on every batch, about 0.6 s of a
        // 1 s statement (EXPLAIN ANALYZE, 25,000 rows). JIT changes how a plan runs, never what it returns.
        await ExecuteAsync(connection, transaction, "SET LOCAL jit = off", ct);
        // A lock wait is never expected (see above); if one ever lasted, the batch fails and the job resumes from its checkpoint.
        await ExecuteAsync(connection, transaction, "SET LOCAL lock_timeout = '2min'", ct);
        await ExecuteAsync(connection, transaction, $"SET LOCAL {DeferSearchWordsSetting} = on", ct);

        times.Begin("rejects");
        if (batch.Rejected > 0)
        {
            await using var rejects = await connection.BeginRawBinaryCopyAsync(ImportSql.CopyRejects, ct);
            await StagedBatch.WriteCopyAsync(rejects, batch.RejectTuples.WrittenMemory, ct);
        }

        // The rows were encoded by the producer (StagedBatch): the COPYs only stream their bytes.
        times.Begin("stage");
        await ExecuteAsync(connection, transaction, ImportSql.CreateStage, ct);
        await using (var stage = await connection.BeginRawBinaryCopyAsync(ImportSql.CopyStage, ct))
            await StagedBatch.WriteCopyAsync(stage, batch.Tuples.WrittenMemory, ct);
        long rejected = batch.Rejected, inBatchDuplicates = batch.InBatchDuplicates, staged = batch.Staged;

        var parameters = new (string, object?)[]
        {
            ("import", import.Id), ("campaign", import.CampaignId), ("account", import.AccountId), ("policy", policy.ToString()), ("now", now),
        };
        // Index probes per key, whatever the statistics say: a leads table growing batch by batch still looks empty to the
        // planner until autovacuum analyzes it, and a sequential scan of leads per staged row never finished (benchmarks.md).
        times.Begin("decide");
        await ExecuteAsync(connection, transaction, "SET LOCAL enable_seqscan = off", ct);
        await ExecuteAsync(connection, transaction, ImportSql.Decide, ct, parameters);
        await ExecuteAsync(connection, transaction, "SET LOCAL enable_seqscan = on", ct);
        times.Begin("insert");
        var created = await ExecuteAsync(connection, transaction, ImportSql.InsertNew, ct, parameters);
        times.Begin("update");
        var updatedIds = new List<Guid>();
        if (policy == DuplicatePolicy.Update)
        {
            await using var command = Command(connection, transaction, ImportSql.Update, parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) updatedIds.Add(reader.GetGuid(0));
        }
        times.Begin("flags");
        var flagged = await ExecuteAsync(connection, transaction, ImportSql.FlagCrossClient, ct, parameters);
        if (updatedIds.Count > 0) await RescoreAsync(connection, transaction, updatedIds, now, ct);
        var duplicates = staged - created - updatedIds.Count + inBatchDuplicates;

        times.Begin("words");
        await ExecuteAsync(connection, transaction, ImportSql.GatherSearchWords, ct);
        times.Begin("wait");
        var before = await previous;
        times.Begin("checkpoint");
        // The checkpoint under a row lock (NO KEY: the next batch's rejects hold the row FOR KEY SHARE meanwhile): a batch is
        // written once, by the runner whose checkpoint it continues, and never after a person stopped the import (the stop
        // takes the same lock, ImportService.StopAsync).
        var (checkpoint, state) = await CheckpointAsync(connection, transaction, import.Id, ct);
        if (state == ImportState.Stopped) throw new ImportStoppedException();
        if (checkpoint != before.RowsRead) throw new CheckpointMovedException();
        await ExecuteAsync(connection, transaction, ImportSql.RememberSearchWords, ct);
        var after = new Counters(before.RowsRead + batch.Rows, before.Created + created, before.Updated + updatedIds.Count,
            before.Duplicates + duplicates, before.Rejected + rejected, before.Flagged + flagged);
        await ExecuteAsync(connection, transaction,
            """
            UPDATE imports SET rows_read = @rows, created = @created, updated = @updated, duplicates = @duplicates, rejected = @rejected,
                flagged = @flagged
            WHERE id = @id
            """, ct,
            ("id", import.Id), ("rows", after.RowsRead), ("created", after.Created), ("updated", after.Updated),
            ("duplicates", after.Duplicates), ("rejected", after.Rejected), ("flagged", after.Flagged));
        if (publish) await PublishProgressAsync(connection, transaction, import, after, ImportState.Running, ct);
        if (BeforeCommit is { } hook) await hook(batchNumber);
        times.Begin("commit");
        await tx.CommitAsync(ct);
        times.End();
        return after;
    }

    /// <summary>
    /// Updated leads keep the score rule and their time zone: their inputs are read back after the merge (with their
    /// activity counts, which a new lead does not have) and rewritten in the same transaction.
    /// </summary>
    private static async Task RescoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Guid> ids,
        DateTimeOffset now, CancellationToken ct)
    {
        const string read = """
            SELECT l.id, l.job_title, l.company_employees, l.country, l.phone, l.last_contacted_at, c.target_countries,
                   (SELECT count(*)::int FROM activities a WHERE a.lead_id = l.id AND a.kind = 'Call' AND a.outcome IN ('Interested', 'MeetingBooked')),
                   (SELECT count(*)::int FROM activities a WHERE a.lead_id = l.id AND a.kind = 'Email' AND a.direction = 'Inbound')
            FROM leads l JOIN campaigns c ON c.id = l.campaign_id WHERE l.id = ANY(@ids)
            """;
        var scores = new List<(Guid Id, int Score, string? Zone)>(ids.Count);
        await using (var command = Command(connection, transaction, read, ("ids", ids.ToArray())))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var country = reader.GetString(3).Trim();
                var inputs = new LeadScoreInputs(reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    country, reader.GetFieldValue<string[]>(6).ToHashSet(StringComparer.Ordinal), reader.GetInt32(7), reader.GetInt32(8),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), now);
                scores.Add((reader.GetGuid(0), LeadScoring.Compute(inputs).Total, LeadTimeZones.For(reader.IsDBNull(4) ? null : reader.GetString(4), country)));
            }
        }
        await ExecuteAsync(connection, transaction,
            "UPDATE leads l SET score = v.score, time_zone = v.zone FROM unnest(@ids, @scores, @zones) AS v(id, score, zone) WHERE l.id = v.id", ct,
            ("ids", scores.Select(s => s.Id).ToArray()), ("scores", scores.Select(s => s.Score).ToArray()),
            ("zones", scores.Select(s => s.Zone).ToArray()));
    }
}
