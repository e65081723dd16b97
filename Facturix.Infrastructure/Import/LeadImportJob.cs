using Microsoft.Extensions.DependencyInjection;
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
/// the last committed batch (docs/decisions/0057).
/// </summary>
internal sealed class LeadImportJob(LeadImportRunner runner) : IJob
{
    public static readonly JobKey Key = new("lead-import", "import");
    public const string ImportIdKey = "importId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Guid.Parse(context.MergedJobDataMap.GetString(ImportIdKey)!), cancellationToken);
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
