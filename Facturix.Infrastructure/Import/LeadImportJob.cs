using Facturix.Domain.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Facturix.Infrastructure.Import;

/// <summary>Starts a queued import on the scheduler.</summary>
internal interface IImportLauncher
{
    Task LaunchAsync(Guid importId, CancellationToken ct);
}

/// <summary>
/// Runs one import (<see cref="LeadImportRunner"/>): one durable job triggered on demand with the import's id. It asks for
/// recovery, so an instance killed mid-import hands it to another (or to itself after the restart), which resumes from
/// the last committed batch (docs/decisions/0057); a transient failure is retried in the execution (decision 0087); the
/// app's shutdown queues the import as paused for <see cref="ImportResumeJob"/> (decision 0093).
/// </summary>
internal sealed class LeadImportJob(LeadImportRunner runner, IOptions<ImportJobOptions> options, ILogger<LeadImportJob> log,
    IHostApplicationLifetime? lifetime = null) : IJob
{
    public static readonly JobKey Key = new("lead-import", "import");
    public const string ImportIdKey = "importId";

    /// <summary>
    /// Runs the import; after a transient failure, runs it again from its checkpoint after a growing delay, in this same
    /// execution (decision 0087). The retries are counted while the checkpoint does not move: a run that committed
    /// batches before failing again starts a fresh count. Out of retries, the import fails with
    /// <c>import.job.interrupted</c>, keeping its committed batches for revert. Any other exception propagates as before
    /// (decision 0074).
    /// </summary>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var importId = Guid.Parse(context.MergedJobDataMap.GetString(ImportIdKey)!);
        // The app's shutdown ends the execution. Quartz's own token does not cancel then: the scheduler waits for its jobs,
        // a retry's wait included, until the host gives up on it (30 s) and the import is left "Running" (decision 0093).
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime?.ApplicationStopping ?? CancellationToken.None);
        var ct = stopping.Token;
        try
        {
            await RunWithRetriesAsync(importId, ct);
        }
        catch (Exception ex) when (ct.IsCancellationRequested)
        {
            // Shut down during a batch (it rolls back) or a retry's wait. Quartz recovers a job only when its node died, so
            // nothing would run it again and it said "Running" with nobody on it: it goes back to the queue, marked paused,
            // and the next start resumes it from its checkpoint (ImportResumeJob).
            await PauseAsync(importId, ex);
        }
    }

    private async Task PauseAsync(Guid importId, Exception cancelled)
    {
        try
        {
            // Our token is cancelled: a short one of its own, so a database that is down does not hold the shutdown.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (await runner.PauseAsync(importId, timeout.Token))
                log.LogInformation(cancelled, "Import {ImportId} paused by the shutdown; the next start resumes it.", importId);
        }
        catch (Exception ex)
        {
            // Still Running in the database: the next start resumes it too, as a run begun before it (ImportResumeJob).
            log.LogWarning(ex, "Import {ImportId} could not be marked paused at shutdown.", importId);
        }
    }

    private async Task RunWithRetriesAsync(Guid importId, CancellationToken cancellationToken)
    {
        var retry = options.Value;
        var retries = 0;
        long? lastCheckpoint = null;
        while (true)
        {
            try
            {
                await runner.RunAsync(importId, cancellationToken);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && LeadImportRunner.IsTransient(ex))
            {
                var checkpoint = await runner.TryCheckpointAsync(importId, cancellationToken);
                if (checkpoint is not null && checkpoint != lastCheckpoint) retries = 0;
                lastCheckpoint = checkpoint ?? lastCheckpoint;
                if (++retries > Math.Max(0, retry.MaxRetries))
                {
                    log.LogError(ex, "Import {ImportId} failed: still interrupted after {Retries} retries.", importId, retries - 1);
                    await runner.FailAsync(importId, ImportErrors.Interrupted, cancellationToken);
                    return;
                }
                // The delay doubles from RetryDelay: 5, 10, 20, 40, 80 s by default. Real time, not the app's clock: a
                // database coming back does not follow a test's fake clock.
                var delay = retry.RetryDelay * Math.Pow(2, retries - 1);
                log.LogWarning(ex, "Import {ImportId} interrupted at row {Checkpoint}; retry {Retry} of {Max} in {Delay}.",
                    importId, checkpoint, retries, retry.MaxRetries, delay);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }
}

/// <summary>Triggers <see cref="LeadImportJob"/> on the app's Quartz scheduler.</summary>
internal sealed class QuartzImportLauncher(IServiceProvider services) : IImportLauncher
{
    public async Task LaunchAsync(Guid importId, CancellationToken ct)
    {
        // Resolved late: the scheduler exists in the app (AddFacturixJobs + AddImportJobs), not in every host of the services.
        var factory = services.GetService<ISchedulerFactory>()
            ?? throw new InvalidOperationException("Imports need the job scheduler: AddFacturixJobs(..., q => q.AddImportJobs()).");
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.TriggerJob(LeadImportJob.Key, new JobDataMap { [LeadImportJob.ImportIdKey] = importId.ToString() }, ct);
    }
}

public static class ImportJobSetup
{
    /// <summary>
    /// Registers the import job (durable, run on demand, recovered after a crash) and the hourly cleanup of abandoned drafts
    /// and old files: <c>AddFacturixJobs(cs, q => q.AddImportJobs())</c>.
    /// </summary>
    public static IQuartzBuilder AddImportJobs(this IQuartzBuilder quartz)
    {
        quartz.AddJob<LeadImportJob>(job => job.WithIdentity(LeadImportJob.Key).StoreDurably().RequestRecovery());
        quartz.AddJob<ImportFileCleanupJob>(job => job.WithIdentity(ImportFileCleanupJob.Key).StoreDurably());
        quartz.AddJob<ImportResumeJob>(job => job.WithIdentity(ImportResumeJob.Key).StoreDurably());
        // At each start (the trigger is stored again with the app's jobs, so it fires now), then every minute for a
        // cluster whose other node shut down (decision 0093).
        quartz.AddTrigger(trigger => trigger
            .ForJob(ImportResumeJob.Key)
            .WithIdentity("import-resume", "import")
            .StartNow()
            .WithSimpleSchedule(schedule => schedule
                .WithInterval(ImportResumeJob.Interval)
                .RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        quartz.AddTrigger(trigger => trigger
            .ForJob(ImportFileCleanupJob.Key)
            .WithIdentity("import-file-cleanup-hourly", "import")
            .StartNow()
            .WithSimpleSchedule(schedule => schedule
                .WithInterval(ImportFileCleanupJob.Interval)
                .RepeatForever()
                // A run missed while every node was down is not replayed: the next one catches up.
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        return quartz;
    }
}
