using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Facturix.Infrastructure.Leads;

/// <summary>
/// Daily: the score's decay depends on the date, so every lead is rescored once a day (chunked, only changed scores
/// written; docs/decisions/0039). It also repairs any score a writer missed. Idempotent: a rerun changes nothing.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class LeadScoreJob(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock, ILogger<LeadScoreJob> logger) : IJob
{
    public static readonly JobKey Key = new("lead-score-decay", "leads");

    /// <summary>03:30 Paris time, after the night's imports and before the first calls.</summary>
    public const string Cron = "0 30 3 * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await LeadScores.RecomputeAsync(db, _ => true, clock.GetUtcNow(), ct);
        logger.LogInformation("Lead scores recomputed: {Changed} changed.", changed);
        return changed;
    }
}

public static class LeadJobsSetup
{
    /// <summary>The leads feature's jobs, for <c>AddFacturixJobs(connectionString, q => q.AddLeadJobs())</c>.</summary>
    public static IQuartzBuilder AddLeadJobs(this IQuartzBuilder quartz)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        quartz.AddJob<LeadScoreJob>(job => job.WithIdentity(LeadScoreJob.Key).StoreDurably());
        quartz.AddTrigger(trigger => trigger
            .ForJob(LeadScoreJob.Key)
            .WithIdentity("lead-score-decay-daily", "leads")
            .WithCronSchedule(LeadScoreJob.Cron, cron => cron
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"))
                // A missed night (every node down) runs once at the next start, not never.
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        return quartz;
    }
}
