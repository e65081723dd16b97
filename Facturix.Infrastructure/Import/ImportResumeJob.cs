using Facturix.Domain.Import;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// Resumes the imports a shutdown left without a job (docs/decisions/0093). Quartz recovers an import whose node died
/// (<see cref="LeadImportJob"/> asks for recovery), not one whose node shut down gracefully: its job was cancelled and
/// completed. Such an import was put back in the queue as paused (<see cref="ImportErrors.Paused"/>); this job launches
/// it again at the app's start and then every minute (another node of a cluster may be the one still up). At this
/// instance's first run it also launches the imports still Running from a run begun before it: their job could not mark
/// them paused (the database was down at the shutdown, which is when a retry waits). A launch too many is harmless: the
/// runner's own lock and checkpoint leave the import to the one already on it.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ImportResumeJob(
    IDbContextFactory<FacturixDb> dbFactory, IImportLauncher launcher, ImportResumeStart start, ILogger<ImportResumeJob> log) : IJob
{
    public static readonly JobKey Key = new("import-resume", "import");

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>Launches the paused imports (and, the first time, those running since before this instance); returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var runningSince = start.TakeFirstRun();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Imports.AsNoTracking()
            .Where(i => (i.State == ImportState.Queued && i.Error == ImportErrors.Paused)
                        || (runningSince != null && i.State == ImportState.Running && i.RunStartedAt < runningSince))
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            log.LogInformation("Import {ImportId} resumes after a shutdown.", id);
            await launcher.LaunchAsync(id, ct);
        }
        return ids.Count;
    }
}

/// <summary>When this instance started, handed out once: the first <see cref="ImportResumeJob"/> run also takes older runs.</summary>
internal sealed class ImportResumeStart(TimeProvider clock)
{
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();
    private int _taken;

    public DateTimeOffset? TakeFirstRun() => Interlocked.Exchange(ref _taken, 1) == 0 ? _startedAt : null;
}
