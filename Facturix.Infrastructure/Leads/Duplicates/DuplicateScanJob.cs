using Quartz;

namespace Facturix.Infrastructure.Leads.Duplicates;

/// <summary>
/// The duplicate scan as a Quartz job: nightly, and on demand from the duplicates page (<see cref="Domain.Leads.Duplicates.IDuplicateService.RequestScanAsync"/>
/// triggers it). The scan is idempotent and takes an advisory lock, so a misfire or a double trigger does no harm.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class DuplicateScanJob(DuplicateScanner scanner) : IJob
{
    public static readonly JobKey Key = new("duplicate-scan", "leads");

    /// <summary>03:30 Paris time, when nobody is calling.</summary>
    public const string NightlyCron = "0 30 3 * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await scanner.ScanAsync(cancellationToken);
}

public static class DuplicateScanJobSetup
{
    /// <summary>Registers the duplicate scan job (durable, so it can be triggered on demand) and its nightly trigger.</summary>
    public static IQuartzBuilder AddDuplicateScanJob(this IQuartzBuilder quartz)
    {
        quartz.AddJob<DuplicateScanJob>(job => job.WithIdentity(DuplicateScanJob.Key).StoreDurably().WithDescription("Lead duplicate scan (2.3.6)"));
        quartz.AddTrigger(trigger => trigger
            .ForJob(DuplicateScanJob.Key)
            .WithIdentity("duplicate-scan-nightly", "leads")
            .WithCronSchedule(DuplicateScanJob.NightlyCron, cron => cron
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        return quartz;
    }
}
