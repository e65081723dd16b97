using Facturix.Domain.Audit;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// Every hour: uploads are client lead lists (personal data), so none stays on disk longer than it serves.
/// A draft uploaded more than <see cref="ImportFileOptions.DraftLifetime"/> ago (a wizard abandoned after the upload) is
/// removed with its file; the file of a finished import (completed, failed, reverted) is deleted once it is
/// <see cref="ImportFileOptions.FinishedFileRetention"/> old, its row, counts and rejects staying for the record (no
/// step reads a finished import's file: rejects live in the database, revert works from the leads). Both are audited
/// as done by the system. Idempotent: a rerun finds nothing left to do.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ImportFileCleanupJob(
    IDbContextFactory<FacturixDb> dbFactory, IOptions<ImportFileOptions> options, TimeProvider clock, ILogger<ImportFileCleanupJob> logger) : IJob
{
    public static readonly JobKey Key = new("import-file-cleanup", "import");

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>Removes expired drafts and old finished imports' files; returns how many of each.</summary>
    public async Task<(int Drafts, int Files)> RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var drafts = await db.Imports.Where(i => i.State == ImportState.Draft && i.CreatedAt < now - settings.DraftLifetime).ToListAsync(ct);
        foreach (var draft in drafts)
        {
            db.Imports.Remove(draft);
            db.AuditEvents.Add(SystemAudit(now, "import.draft-expired", draft, new { draft.CampaignId, draft.SizeBytes, draft.CreatedAt }));
        }
        await db.SaveChangesAsync(ct);
        foreach (var draft in drafts) ImportFiles.TryDelete(draft.StoredPath, logger);

        var finished = await db.Imports
            .Where(i => (i.State == ImportState.Completed || i.State == ImportState.Failed || i.State == ImportState.Reverted || i.State == ImportState.Stopped)
                && i.FinishedAt < now - settings.FinishedFileRetention)
            .ToListAsync(ct);
        var files = 0;
        foreach (var import in finished.Where(i => File.Exists(i.StoredPath)))
        {
            db.AuditEvents.Add(SystemAudit(now, "import.file-deleted", import, new { import.State, import.FinishedAt }));
            await db.SaveChangesAsync(ct); // the record first: a file gone without a trace would be worse than one kept
            if (ImportFiles.TryDelete(import.StoredPath, logger)) files++;
        }
        if (drafts.Count + files > 0)
            logger.LogInformation("Import cleanup removed {Drafts} abandoned drafts and {Files} finished imports' files.", drafts.Count, files);
        return (drafts.Count, files);
    }

    private static AuditEvent SystemAudit(DateTimeOffset at, string action, LeadImport import, object before) => new()
    {
        OccurredAt = at, ActorId = null, Action = action, EntityType = "import", EntityId = import.Id,
        TargetLabel = TextClip.Clip(import.FileName, 200),
        Details = System.Text.Json.JsonSerializer.Serialize(new { before }),
    };
}
