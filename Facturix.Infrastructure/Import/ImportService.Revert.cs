using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Leads.Cleanup;
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
    /// Takes a finished import back: the leads it created go, the ones it updated get their values (and their
    /// <c>updated_at</c>) from before it, and the cross-client flags that held only through them are cleared. Refused,
    /// changing nothing, when that would throw away someone's work (docs/decisions/0086): activity, a task or a hold on
    /// its leads, a later import's update of one of them (revert that one first), or any other change since it wrote them.
    /// </summary>
    public async Task RevertAsync(Actor actor, Guid importId, CancellationToken ct = default)
    {
        actor.Demand(Capability.ImportsRun);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var import = await FindAsync(db, actor, importId, ct);
        var now = clock.GetUtcNow();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        // The import row locked first: a batch of a running job (which takes the same lock) cannot slip in between.
        var state = Enum.Parse<ImportState>(await LeadImportRunner.ScalarAsync<string>(connection, transaction,
            "SELECT state FROM imports WHERE id = @id FOR UPDATE", ct, ("id", importId)));
        if (state is not (ImportState.Completed or ImportState.Failed or ImportState.Stopped))
            throw new ConflictException(ImportErrors.StateInvalid, $"Import {importId} is {state}: only a finished import is reverted.");
        var parameters = new (string, object?)[]
        {
            ("id", importId), ("now", now), ("since", import.StartedAt ?? import.CreatedAt), ("finished", import.FinishedAt ?? now),
        };
        if (await LeadImportRunner.ScalarAsync<bool>(connection, transaction, ImportRevertSql.HasActivity, ct, parameters))
            throw new ConflictException(ImportErrors.RevertHasActivity, $"Import {importId} has leads with activity or tasks since: not reverted.");
        if (await LeadImportRunner.ScalarAsync<bool>(connection, transaction, ImportRevertSql.HasLaterImport, ct, parameters))
            throw new ConflictException(ImportErrors.RevertLaterImport, $"Import {importId} has leads a later import updated: not reverted.");
        if (await LeadImportRunner.ScalarAsync<bool>(connection, transaction, ImportRevertSql.ChangedSince, ct, parameters))
            throw new ConflictException(ImportErrors.RevertChangedSince, $"Import {importId} has leads changed since: not reverted.");

        var keys = KeyParameters.Concat(parameters).ToArray();
        await LeadImportRunner.ExecuteAsync(connection, transaction, ImportRevertSql.RememberKeys, ct, keys);
        var restored = await LeadImportRunner.ExecuteAsync(connection, transaction, ImportRevertSql.Restore, ct, parameters);
        var removed = await LeadImportRunner.ExecuteAsync(connection, transaction, "DELETE FROM leads WHERE import_id = @id", ct, ("id", importId));
        await LeadImportRunner.ExecuteAsync(connection, transaction, ImportRevertSql.GatherFlags, ct, keys);
        var unflagged = await LeadImportRunner.ExecuteAsync(connection, transaction, ImportRevertSql.ClearFlags, ct, keys);
        await LeadImportRunner.ExecuteAsync(connection, transaction, "DELETE FROM import_lead_updates WHERE import_id = @id", ct, ("id", importId));

        var tracked = await db.Imports.SingleAsync(i => i.Id == importId, ct);
        tracked.State = ImportState.Reverted;
        tracked.RevertedAt = now;
        tracked.RevertedById = actor.UserId;
        var campaignName = await db.Campaigns.Where(c => c.Id == import.CampaignId).Select(c => c.Name).SingleAsync(ct);
        db.Audit(actor, now, "import.reverted", "import", importId, $"{import.FileName} → {campaignName}",
            before: new { state = state.ToString(), created = import.Created, updated = import.Updated },
            after: new { removed, restored, crossClientFlagsCleared = unflagged });
        db.Publish(new LeadsChanged([import.CampaignId]));
        db.Publish(new ImportProgressed(importId, import.CampaignId, import.CreatedById, import.RowsRead, 0, import.Rejected, nameof(ImportState.Reverted)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The company-key rules of the duplicate scan (free-mail providers and social networks are no company).</summary>
    private static readonly (string, object?)[] KeyParameters =
    [
        ("freemail", DuplicateKeys.FreeMailDomains.ToArray()),
        ("freeprefix", "^(" + string.Join('|', DuplicateKeys.FreeMailPrefixes.Select(p => p.TrimEnd('.'))) + ")\\."),
        ("social", DuplicateKeys.SocialNetworkPattern),
    ];
}
