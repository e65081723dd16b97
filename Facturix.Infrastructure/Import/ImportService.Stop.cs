using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Facturix.Infrastructure.Import;

internal sealed partial class ImportService
{
    /// <summary>
    /// Marks the import Stopped under the same row lock a batch takes for its checkpoint (FOR NO KEY UPDATE, never FOR
    /// UPDATE: the next batch holds the row FOR KEY SHARE meanwhile, and waiting behind it while it waits for us would
    /// deadlock). The batch committing when the stop comes finishes first; the next one finds the import Stopped at its
    /// checkpoint and rolls back (<see cref="LeadImportRunner"/>), as does the run's finish: <see cref="ImportStopGate"/> puts the
    /// stop ahead of both. A queued import's job finds it Stopped and does nothing.
    /// </summary>
    public async Task StopAsync(Actor actor, Guid importId, CancellationToken ct = default)
    {
        actor.Demand(Capability.ImportsRun);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await FindAsync(db, actor, importId, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Ahead of the next checkpoint and of the finish, whichever comes first (ImportStopGate).
        await LeadImportRunner.ExecuteAsync(connection, (NpgsqlTransaction)tx.GetDbTransaction(), ImportStopGate.CloseSql, ct, ("id", importId));
        var state = Enum.Parse<ImportState>(await LeadImportRunner.ScalarAsync<string>(connection, (NpgsqlTransaction)tx.GetDbTransaction(),
            "SELECT state FROM imports WHERE id = @id FOR NO KEY UPDATE", ct, ("id", importId)));
        if (state is not (ImportState.Queued or ImportState.Running))
            throw new ConflictException(ImportErrors.StateInvalid, $"Import {importId} is {state}: only a queued or running import is stopped.");

        var now = clock.GetUtcNow();
        // Read again under the lock: the counters of the last committed batch (what stays), and the row version to update.
        await db.Entry(import).ReloadAsync(ct);
        var tracked = import;
        tracked.State = ImportState.Stopped;
        tracked.FinishedAt = now;
        var campaignName = await db.Campaigns.Where(c => c.Id == import.CampaignId).Select(c => c.Name).SingleAsync(ct);
        db.Audit(actor, now, "import.stopped", "import", importId, $"{import.FileName} → {campaignName}",
            before: new { state = state.ToString() },
            after: new { rowsRead = tracked.RowsRead, created = tracked.Created, updated = tracked.Updated });
        db.Publish(new ImportProgressed(importId, import.CampaignId, import.CreatedById, tracked.RowsRead, tracked.Created + tracked.Updated, tracked.Rejected,
            nameof(ImportState.Stopped)));
        if (tracked.Created + tracked.Updated > 0)
            db.Publish(new LeadsImported(import.CampaignId, (int)Math.Min(int.MaxValue, tracked.Created + tracked.Updated)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
