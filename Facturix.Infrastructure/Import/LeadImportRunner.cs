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

public sealed class ImportJobOptions
{
    /// <summary>Rows per batch: one staging COPY, one merge, one commit with the checkpoint (docs/decisions/0057).</summary>
    public int BatchSize { get; set; } = 25_000;
}

/// <summary>
/// Runs one import to its end (issue 15, docs/decisions/0057): the file is read from the checkpoint on
/// (<see cref="LeadImport.RowsRead"/>), each batch is normalized in parallel while the previous one is written, then, in
/// ONE transaction per batch: its rejects, a binary COPY of its good rows into a temp staging table, one set-wise decision
/// and merge into <c>leads</c> (duplicate policy, import_lead_updates for revert), cross-client flags, scores and time
/// zones of updated leads, the counters and the new checkpoint, and the progress event. A crash loses at most the batch
/// in flight, which the rerun does again. One runner per import at a time (advisory lock).
/// </summary>
internal sealed class LeadImportRunner(
    IDbContextFactory<FacturixDb> dbFactory,
    IImportRowReader reader,
    IOptions<ImportJobOptions> options,
    ILogger<LeadImportRunner> log,
    TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Test seam: runs inside each batch's transaction just before its commit (1-based batch number of this run).</summary>
    internal Func<int, Task>? BeforeCommit { get; set; }

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
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var npgsqlTx = (NpgsqlTransaction)tx.GetDbTransaction();
            await ExecuteAsync(connection, npgsqlTx,
                "UPDATE imports SET state = 'Running', started_at = coalesce(started_at, @now), error = NULL WHERE id = @id", ct,
                ("id", import.Id), ("now", clock.GetUtcNow()));
            await PublishProgressAsync(connection, npgsqlTx, import, counters, ImportState.Running, ct);
            await tx.CommitAsync(ct);
        }

        await ExecuteAsync(connection, null, ImportSql.ForeignKeys, ct, ("account", import.AccountId),
            ("freemail", DuplicateKeys.FreeMailDomains.ToArray()),
            ("freeprefix", "^(" + string.Join('|', DuplicateKeys.FreeMailPrefixes.Select(p => p.TrimEnd('.'))) + ")\\."));

        var context = new ImportRowContext(targetCountries.ToHashSet(StringComparer.Ordinal), clock.GetUtcNow());
        var mapper = new ImportRowMapper(settings.Columns, DefaultCountry(targetCountries));
        var batchSize = Math.Max(1, options.Value.BatchSize);

        // The next batch is read and normalized while this one is written: at most two batches in memory.
        var channel = Channel.CreateBounded<ProcessedRow[]>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in ImportBatches.Read(reader, import.StoredPath, import.Kind, settings.Format, counters.RowsRead, batchSize))
                    await channel.Writer.WriteAsync(ImportBatches.Process(batch, mapper, context, settings.DuplicatePolicy), stop.Token);
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        var sinceProgress = Stopwatch.StartNew();
        var batchNumber = 0;
        try
        {
            await foreach (var rows in channel.Reader.ReadAllAsync(ct))
            {
                batchNumber++;
                counters = await WriteBatchAsync(db, connection, import, settings.DuplicatePolicy, counters, rows, batchNumber,
                    sinceProgress.Elapsed >= ProgressInterval, ct);
                if (counters.Published) sinceProgress.Restart();
            }
        }
        catch (ImportReadException ex)
        {
            log.LogWarning(ex.InnerException, "Import {ImportId} failed: its file could not be read.", import.Id);
            await FinishAsync(db, connection, import, ImportState.Failed, ex.InnerException is FacturixException f ? f.Code : ImportErrors.FileUnreadable,
                CancellationToken.None);
            return;
        }
        catch (CheckpointMovedException)
        {
            log.LogWarning("Import {ImportId}: its checkpoint moved under this runner; leaving it to the other.", import.Id);
            return;
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
        await FinishAsync(db, connection, import, ImportState.Completed, null, ct);
    }

    private async Task<Counters> WriteBatchAsync(FacturixDb db, NpgsqlConnection connection, LeadImport import, DuplicatePolicy policy,
        Counters before, ProcessedRow[] rows, int batchNumber, bool publish, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        // The checkpoint under a row lock: a batch is written once, by the runner whose checkpoint it continues.
        var checkpoint = await ScalarAsync<long>(connection, transaction, "SELECT rows_read FROM imports WHERE id = @id FOR UPDATE", ct, ("id", import.Id));
        if (checkpoint != before.RowsRead) throw new CheckpointMovedException();

        long rejected = 0, inBatchDuplicates = 0, staged = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(ImportSql.CopyRejects, ct))
        {
            foreach (var row in rows)
            {
                if (row.Error is null) continue;
                rejected++;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(import.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.LineNumber, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(row.Error, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.Values, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }

        await ExecuteAsync(connection, transaction, ImportSql.CreateStage, ct);
        await using (var copy = await connection.BeginBinaryImportAsync(ImportSql.CopyStage, ct))
        {
            for (var i = 0; i < rows.Length; i++)
            {
                if (rows[i].Lead is not { } lead) continue;
                if (rows[i].DuplicateInBatch)
                {
                    inBatchDuplicates++;
                    continue;
                }
                staged++;
                copy.StartRow();
                copy.Write(i, NpgsqlDbType.Integer);
                copy.Write(Guid.CreateVersion7(now), NpgsqlDbType.Uuid);
                Text(copy, lead.FirstName);
                Text(copy, lead.LastName);
                Text(copy, lead.JobTitle);
                copy.Write(lead.Company, NpgsqlDbType.Text);
                Text(copy, lead.Email);
                Text(copy, lead.Phone);
                copy.Write(lead.Country, NpgsqlDbType.Text);
                copy.Write(lead.CountryGiven, NpgsqlDbType.Boolean);
                Text(copy, lead.City);
                Text(copy, lead.Siren);
                Text(copy, lead.Website);
                Text(copy, lead.Domain);
                if (lead.CompanyEmployees is { } employees) copy.Write(employees, NpgsqlDbType.Integer); else copy.WriteNull();
                Text(copy, lead.Source);
                if (lead.CustomFields is { } custom) copy.Write(custom, NpgsqlDbType.Jsonb); else copy.WriteNull();
                Text(copy, lead.TimeZone);
                copy.Write(lead.Score, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync(ct);
        }

        var parameters = new (string, object?)[]
        {
            ("import", import.Id), ("campaign", import.CampaignId), ("account", import.AccountId), ("policy", policy.ToString()), ("now", now),
        };
        // Index probes per key, whatever the statistics say: a leads table growing batch by batch still looks empty to the
        // planner until autovacuum analyzes it, and a sequential scan of leads per staged row never finished (benchmarks.md).
        await ExecuteAsync(connection, transaction, "SET LOCAL enable_seqscan = off", ct);
        await ExecuteAsync(connection, transaction, ImportSql.Decide, ct, parameters);
        await ExecuteAsync(connection, transaction, "SET LOCAL enable_seqscan = on", ct);
        var created = await ExecuteAsync(connection, transaction, ImportSql.InsertNew, ct, parameters);
        var updatedIds = new List<Guid>();
        if (policy == DuplicatePolicy.Update)
        {
            await using var command = Command(connection, transaction, ImportSql.Update, parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) updatedIds.Add(reader.GetGuid(0));
        }
        await ExecuteAsync(connection, transaction, ImportSql.FlagCrossClient, ct, parameters);
        if (updatedIds.Count > 0) await RescoreAsync(db, connection, transaction, updatedIds, now, ct);
        var duplicates = staged - created - updatedIds.Count + inBatchDuplicates;

        var after = new Counters(before.RowsRead + rows.Length, before.Created + created, before.Updated + updatedIds.Count,
            before.Duplicates + duplicates, before.Rejected + rejected, publish);
        await ExecuteAsync(connection, transaction,
            "UPDATE imports SET rows_read = @rows, created = @created, updated = @updated, duplicates = @duplicates, rejected = @rejected WHERE id = @id", ct,
            ("id", import.Id), ("rows", after.RowsRead), ("created", after.Created), ("updated", after.Updated),
            ("duplicates", after.Duplicates), ("rejected", after.Rejected));
        if (publish) await PublishProgressAsync(connection, transaction, import, after, ImportState.Running, ct);
        if (BeforeCommit is { } hook) await hook(batchNumber);
        await tx.CommitAsync(ct);
        return after;
    }

    /// <summary>
    /// Updated leads keep the score rule and their time zone: their inputs are read back after the merge (with their
    /// activity counts, which a new lead does not have) and rewritten in the same transaction.
    /// </summary>
    private static async Task RescoreAsync(FacturixDb db, NpgsqlConnection connection, NpgsqlTransaction transaction, List<Guid> ids,
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
        _ = db;
    }

    private async Task FinishAsync(FacturixDb db, NpgsqlConnection connection, LeadImport import, ImportState state, string? error, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        await ExecuteAsync(connection, transaction,
            """
            UPDATE imports SET state = @state, error = @error, finished_at = @now,
                total_rows = CASE WHEN @state = 'Completed' THEN rows_read ELSE total_rows END
            WHERE id = @id
            """, ct, ("id", import.Id), ("state", state.ToString()), ("error", (object?)error ?? DBNull.Value), ("now", clock.GetUtcNow()));
        var counters = await StateAsync(connection, import.Id, ct, transaction);
        await PublishProgressAsync(connection, transaction, import, counters, state, ct);
        if (state == ImportState.Completed && counters.Created + counters.Updated > 0)
            await LiveEventPublisher.PublishAsync(connection, transaction,
                [new LeadsImported(import.CampaignId, (int)Math.Min(int.MaxValue, counters.Created + counters.Updated))], ct);
        await tx.CommitAsync(ct);
    }

    private static Task PublishProgressAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LeadImport import, Counters counters,
        ImportState state, CancellationToken ct) =>
        LiveEventPublisher.PublishAsync(connection, transaction,
            [new ImportProgressed(import.Id, import.CampaignId, counters.RowsRead, counters.Created + counters.Updated, counters.Rejected, state.ToString())], ct);

    private static async Task<Counters> StateAsync(NpgsqlConnection connection, Guid importId, CancellationToken ct, NpgsqlTransaction? transaction = null)
    {
        await using var command = Command(connection, transaction,
            "SELECT state, rows_read, created, updated, duplicates, rejected FROM imports WHERE id = @id", ("id", importId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Counters(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), false)
        {
            State = Enum.Parse<ImportState>(reader.GetString(0)),
        };
    }

    /// <summary>The region of national phone numbers and the country of rows without one: the campaign's first target country, else France.</summary>
    internal static string DefaultCountry(IReadOnlyList<string> targetCountries) =>
        targetCountries.Select(c => c.Trim().ToUpperInvariant()).FirstOrDefault(c => E164.Regions.Contains(c)) ?? LeadCleanupPreview.DefaultCountry;

    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }

    internal static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    internal static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private sealed record Counters(long RowsRead, long Created, long Updated, long Duplicates, long Rejected, bool Published)
    {
        public ImportState State { get; init; }
    }

    private sealed class CheckpointMovedException : Exception;
}
