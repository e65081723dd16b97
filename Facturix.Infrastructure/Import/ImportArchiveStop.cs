using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// Completing or archiving a campaign stops its queued and running imports (docs/decisions/0086, 0092): such a campaign
/// takes no new leads (decisions 0084, 0092), and a check at each run's start let an import already running write the
/// rest of its file.
/// Each import is stopped as a person's stop does it (decision 0068, <see cref="ImportService"/>.StopAsync): the stop gate
/// closed, the row locked FOR NO KEY UPDATE, marked Stopped, here with the closed campaign as its reason. The batch
/// committing at that moment finishes; the next one finds the import stopped at its checkpoint and rolls back. What
/// committed stays, and revert takes it back.
/// </summary>
internal static class ImportArchiveStop
{
    /// <summary>The close's lock on the campaign row, taken before it lists the imports (decision 0093).</summary>
    internal const string CampaignLockSql = "SELECT 1 FROM campaigns WHERE id = @id FOR NO KEY UPDATE";

    /// <summary>
    /// What an import's start and each run's start read, in the transaction of their write: the campaign's state, under a
    /// lock that waits for a close holding <see cref="CampaignLockSql"/> and then reads its new state (decision 0093).
    /// </summary>
    internal const string CampaignStateSql = "SELECT status FROM campaigns WHERE id = @id FOR SHARE";

    /// <summary>
    /// Runs in the state change's own transaction (open on <paramref name="db"/>), so the imports stop if and only if the
    /// campaign closes. Not behind <c>imports.run</c>: stopping is part of closing, which the caller demanded.
    /// A handful of imports per campaign at most: one at a time, each behind its own gate.
    /// </summary>
    public static async Task<int> StopImportsAsync(FacturixDb db, Actor actor, Guid campaignId, string campaignName, string reason,
        DateTimeOffset now, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction ?? throw new InvalidOperationException("Archive outside a transaction.")).GetDbTransaction();
        // The campaign row first, until the commit (decision 0093): every way an import becomes queued or running (the
        // start, each run's start) reads the campaign FOR SHARE in the transaction of its write, so one already past that
        // read has committed before this lock is granted and is in the list below, and one after it waits and then reads
        // the campaign closed. NO KEY UPDATE, not UPDATE: the batches' foreign keys into campaigns hold the row FOR KEY SHARE,
        // which this lock lets through, so the close never waits for a batch and no batch waits for it.
        await LeadImportRunner.ExecuteAsync(connection, transaction, CampaignLockSql, ct, ("id", campaignId));
        var candidates = await db.Imports.AsNoTracking()
            .Where(i => i.CampaignId == campaignId && (i.State == ImportState.Queued || i.State == ImportState.Running))
            .OrderBy(i => i.Id).Select(i => new { i.Id, i.FileName, i.CreatedById }).ToListAsync(ct);
        var stopped = 0;
        foreach (var import in candidates)
        {
            await LeadImportRunner.ExecuteAsync(connection, transaction, ImportStopGate.CloseSql, ct, ("id", import.Id));
            await using (var command = LeadImportRunner.Command(connection, transaction, """
                UPDATE imports SET state = 'Stopped', error = @error, finished_at = @now
                WHERE id = @id AND state IN ('Queued', 'Running')
                RETURNING state, rows_read, created, updated, rejected
                """, ("id", import.Id), ("error", reason), ("now", now)))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                // Finished meanwhile (its last batch committed while the gate was awaited): nothing to stop.
                if (!await reader.ReadAsync(ct)) continue;
                var (rowsRead, created, updated, rejected) = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
                db.Audit(actor, now, "import.stopped", "import", import.Id, $"{import.FileName} → {campaignName}",
                    before: null, after: new { reason, rowsRead, created, updated });
                db.Publish(new ImportProgressed(import.Id, campaignId, import.CreatedById, rowsRead, created + updated, rejected, nameof(ImportState.Stopped)));
                if (created + updated > 0)
                    db.Publish(new LeadsImported(campaignId, (int)Math.Min(int.MaxValue, created + updated)));
            }
            stopped++;
        }
        return stopped;
    }
}
