using Facturix.Domain.Import;
using Npgsql;

namespace Facturix.Infrastructure.Import;

/// <summary>The import row as the runner reads it: its state and counters, and the checkpoint a batch locks before it commits.</summary>
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
}
