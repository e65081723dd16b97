using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Facturix.Infrastructure.Leads.Bulk;

/// <summary>Starts a queued <see cref="Domain.Leads.Bulk.BulkOperation"/> on the scheduler.</summary>
internal interface IBulkOperationLauncher
{
    Task LaunchAsync(Guid operationId, CancellationToken ct);
}

/// <summary>
/// Runs a large bulk action (<see cref="LeadBulkService.ProcessAsync"/>). One durable job triggered on demand with the
/// operation's id; it asks for recovery, so a node dying mid-way hands it to another, which resumes from the saved cursor.
/// </summary>
internal sealed class LeadBulkJob(LeadBulkService service) : IJob
{
    public static readonly JobKey Key = new("lead-bulk", "leads");
    public const string OperationIdKey = "operationId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await service.ProcessAsync(Guid.Parse(context.MergedJobDataMap.GetString(OperationIdKey)!), cancellationToken);
}

/// <summary>Triggers <see cref="LeadBulkJob"/> on the app's Quartz scheduler.</summary>
internal sealed class QuartzBulkOperationLauncher(IServiceProvider services) : IBulkOperationLauncher
{
    public async Task LaunchAsync(Guid operationId, CancellationToken ct)
    {
        // Resolved late: the scheduler exists in the app (AddFacturixJobs + AddLeadBulkJob), not in every host of the services.
        var factory = services.GetService<ISchedulerFactory>()
            ?? throw new InvalidOperationException("Large bulk actions need the job scheduler: AddFacturixJobs(..., q => q.AddLeadBulkJob()).");
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.TriggerJob(LeadBulkJob.Key, new JobDataMap { [LeadBulkJob.OperationIdKey] = operationId.ToString() }, ct);
    }
}

public static class LeadBulkJobSetup
{
    /// <summary>Registers the bulk-action job (durable, run on demand): <c>AddFacturixJobs(cs, q => q.AddLeadBulkJob())</c>.</summary>
    public static IQuartzBuilder AddLeadBulkJob(this IQuartzBuilder quartz)
    {
        quartz.AddJob<LeadBulkJob>(job => job.WithIdentity(LeadBulkJob.Key).StoreDurably().RequestRecovery());
        return quartz;
    }
}
