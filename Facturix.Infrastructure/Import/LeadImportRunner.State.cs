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
            "SELECT state, rows_read, created, updated, duplicates, rejected FROM imports WHERE id = @id", ("id", importId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Counters(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5))
        {
            State = Enum.Parse<ImportState>(reader.GetString(0)),
        };
    }

    private sealed record Counters(long RowsRead, long Created, long Updated, long Duplicates, long Rejected)
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

    private static Task PublishProgressAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LeadImport import, Counters counters,
        ImportState state, CancellationToken ct) =>
        LiveEventPublisher.PublishAsync(connection, transaction,
            [new ImportProgressed(import.Id, import.CampaignId, counters.RowsRead, counters.Created + counters.Updated, counters.Rejected, state.ToString())], ct);
}
