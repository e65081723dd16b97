using Facturix.Domain.Campaigns;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.LiveEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// The import row as the runner reads and ends it: its state and counters, the checkpoint a batch locks before it
/// commits, the progress it announces, and how a run finishes (completed, or failed on data the database refuses).
/// </summary>
internal sealed partial class LeadImportRunner
{
    private static async Task<Counters> StateAsync(NpgsqlConnection connection, Guid importId, CancellationToken ct, NpgsqlTransaction? transaction = null)
    {
        await using var command = Command(connection, transaction,
            "SELECT state, rows_read, created, updated, duplicates, rejected, flagged FROM imports WHERE id = @id", ("id", importId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Counters(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6))
        {
            State = Enum.Parse<ImportState>(reader.GetString(0)),
        };
    }

    private sealed record Counters(long RowsRead, long Created, long Updated, long Duplicates, long Rejected, long Flagged)
    {
        public ImportState State { get; init; }
    }

    private sealed class CheckpointMovedException : Exception;

    /// <summary>A batch found its import stopped by a person at its checkpoint: it rolls back and the run ends.</summary>
    private sealed class ImportStoppedException : Exception;

    private static async Task<(long RowsRead, ImportState State)> CheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid importId, CancellationToken ct)
    {
        await ExecuteAsync(connection, transaction, ImportStopGate.PassSql, ct, ("id", importId));
        await using var command = Command(connection, transaction, "SELECT rows_read, state FROM imports WHERE id = @id FOR NO KEY UPDATE", ("id", importId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), Enum.Parse<ImportState>(reader.GetString(1)));
    }

    /// <summary>Class 22 (data exception: bad encoding, value too long, out of range) or 23 (integrity constraint).</summary>
    internal static bool IsRefusedData(PostgresException ex) => ex.SqlState.StartsWith("22", StringComparison.Ordinal) || ex.SqlState.StartsWith("23", StringComparison.Ordinal);

    private async Task FinishAsync(FacturixDb db, NpgsqlConnection connection, LeadImport import, ImportState state, string? error, CancellationToken ct)
    {
        if (BeforeFinish is { } hook) await hook();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        // A stop already waiting goes first (ImportStopGate); then only a running import finishes: one stopped after its last
        // batch committed stays stopped (the stop announced it already).
        await ExecuteAsync(connection, transaction, ImportStopGate.PassSql, ct, ("id", import.Id));
        if (await ExecuteAsync(connection, transaction,
                """
                UPDATE imports SET state = @state, error = @error, finished_at = @now,
                    total_rows = CASE WHEN @state = 'Completed' THEN rows_read ELSE total_rows END
                WHERE id = @id AND state = 'Running'
                """, ct, ("id", import.Id), ("state", state.ToString()), ("error", (object?)error ?? DBNull.Value), ("now", clock.GetUtcNow())) == 0)
            return;
        var counters = await StateAsync(connection, import.Id, ct, transaction);
        await PublishProgressAsync(connection, transaction, import, counters, state, ct);
        // A failed import keeps the batches it committed (decision 0074): open lists, workspaces and dashboards of the
        // campaign hear of those leads too, as after a stop, instead of waiting for a reload.
        if (state is ImportState.Completed or ImportState.Failed && counters.Created + counters.Updated > 0)
            await LiveEventPublisher.PublishAsync(connection, transaction,
                [new LeadsImported(import.CampaignId, (int)Math.Min(int.MaxValue, counters.Created + counters.Updated))], ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Why the campaign takes no more leads, or null while it does: read under its row lock in the transaction that marks
    /// a run (decision 0093). A close holding the row makes this wait, then the import reads Stopped or the campaign
    /// closed; a close coming after waits for that commit and finds the import running.
    /// </summary>
    private static async Task<string?> CampaignClosedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid campaignId,
        CancellationToken ct) =>
        ImportErrors.CampaignClosed(Enum.Parse<CampaignState>(
            await ScalarAsync<string>(connection, transaction, ImportArchiveStop.CampaignStateSql, ct, ("id", campaignId))));

    /// <summary>
    /// Fails a queued or running import with <paramref name="error"/> when its job gives up on it (decision 0087): the
    /// batches it committed stay, as after a stop (decision 0068), and revert takes them back.
    /// </summary>
    internal Task FailAsync(Guid importId, string error, CancellationToken ct) =>
        LetGoAsync(importId, ImportState.Failed,
            "UPDATE imports SET state = 'Failed', error = @error, finished_at = @now WHERE id = @id AND state IN ('Queued', 'Running')", ct,
            ("id", importId), ("error", error), ("now", clock.GetUtcNow()));

    /// <summary>
    /// Puts a queued or running import back in the queue with <see cref="ImportErrors.Paused"/> when its job is cancelled by
    /// the app's shutdown (decision 0093): the batch in flight rolled back, nobody works on it any more, and the next start
    /// resumes it (<see cref="ImportResumeJob"/>). A stop waiting at the gate goes first, and a stopped one stays stopped.
    /// Returns whether it was put back.
    /// </summary>
    internal Task<bool> PauseAsync(Guid importId, CancellationToken ct) =>
        LetGoAsync(importId, ImportState.Queued,
            "UPDATE imports SET state = 'Queued', error = @error WHERE id = @id AND state IN ('Queued', 'Running')", ct,
            ("id", importId), ("error", ImportErrors.Paused));

    /// <summary>
    /// What a job that no longer works on a queued or running import does with it, outside any run (<see cref="FailAsync"/>,
    /// <see cref="PauseAsync"/>): past the stop gate (a stop waiting there goes first), <paramref name="update"/> moves it to
    /// <paramref name="state"/> and it is announced, in one transaction. A failed import that committed batches also tells
    /// its campaign's open pages of those leads. Returns whether it moved: false when it is gone, or no longer queued or
    /// running (<paramref name="update"/> matches only those).
    /// </summary>
    private async Task<bool> LetGoAsync(Guid importId, ImportState state, string update, CancellationToken ct,
        params (string Name, object? Value)[] parameters)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null) return false;
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        await ExecuteAsync(connection, transaction, ImportStopGate.PassSql, ct, ("id", importId));
        if (await ExecuteAsync(connection, transaction, update, ct, parameters) == 0)
            return false;
        var counters = await StateAsync(connection, importId, ct, transaction);
        await PublishProgressAsync(connection, transaction, import, counters, state, ct);
        if (state == ImportState.Failed && counters.Created + counters.Updated > 0)
            await LiveEventPublisher.PublishAsync(connection, transaction,
                [new LeadsImported(import.CampaignId, (int)Math.Min(int.MaxValue, counters.Created + counters.Updated))], ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The import's checkpoint (rows read), or null when the database cannot say (still unreachable).</summary>
    internal async Task<long?> TryCheckpointAsync(Guid importId, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Imports.Where(i => i.Id == importId).Select(i => (long?)i.RowsRead).FirstOrDefaultAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// A failure that running again may not meet (decision 0087): a lost or refused connection, a server shutting down
    /// (class 08, 57P), or what Npgsql deems transient (deadlock, lock timeout, resources). Wrapped exceptions count by
    /// their cause. Data the database refuses (classes 22, 23) is not: the run already failed the import for it.
    /// </summary>
    internal static bool IsTransient(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg)
                return !IsRefusedData(pg) && (pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                              || pg.SqlState.StartsWith("57P", StringComparison.Ordinal));
            if (e is NpgsqlException { IsTransient: true }) return true;
        }
        return false;
    }

    private static Task PublishProgressAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LeadImport import, Counters counters,
        ImportState state, CancellationToken ct) =>
        LiveEventPublisher.PublishAsync(connection, transaction,
            [new ImportProgressed(import.Id, import.CampaignId, import.CreatedById, counters.RowsRead, counters.Created + counters.Updated, counters.Rejected, state.ToString())], ct);
}
