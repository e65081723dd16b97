using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace Facturix.Infrastructure.Workspace;

/// <summary>
/// Every minute: clears the leases that ran out (a workspace closed without releasing, a browser that died) and
/// announces each lead as unlocked, so lead lists and other workspaces show it free. Idempotent: a rerun finds
/// nothing; a lease renewed between the scan and the write is re-checked by PostgreSQL and kept (the UPDATE's WHERE
/// is evaluated again on the row's newest version).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class LeaseReaperJob(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock, ILogger<LeaseReaperJob> logger) : IJob
{
    public static readonly JobKey Key = new("lease-reaper", "workspace");

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>Releases every expired lease; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var released = new List<LiveEvent>();
        await using (var command = new NpgsqlCommand("""
            UPDATE leads SET locked_by_id = NULL, locked_at = NULL, lock_expires_at = NULL
            WHERE locked_by_id IS NOT NULL AND lock_expires_at <= @now
            RETURNING id, campaign_id
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction()))
        {
            command.Parameters.AddWithValue("now", clock.GetUtcNow());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) released.Add(new LeadUnlocked(reader.GetGuid(0), reader.GetGuid(1)));
        }
        if (released.Count > 0) await db.PublishNowAsync(released, ct);
        await transaction.CommitAsync(ct);
        if (released.Count > 0) logger.LogInformation("Lease reaper released {Count} expired lead locks.", released.Count);
        return released.Count;
    }
}

public static class WorkspaceJobsSetup
{
    /// <summary>The workspace's jobs, for <c>AddFacturixJobs(connectionString, q => q.AddWorkspaceJobs())</c>.</summary>
    public static IQuartzBuilder AddWorkspaceJobs(this IQuartzBuilder quartz)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        quartz.AddJob<LeaseReaperJob>(job => job.WithIdentity(LeaseReaperJob.Key).StoreDurably());
        quartz.AddTrigger(trigger => trigger
            .ForJob(LeaseReaperJob.Key)
            .WithIdentity("lease-reaper-every-minute", "workspace")
            .StartNow()
            .WithSimpleSchedule(schedule => schedule
                .WithInterval(LeaseReaperJob.Interval)
                .RepeatForever()
                // Runs missed while every node was down are not replayed: the next run catches up on its own.
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        return quartz;
    }
}
