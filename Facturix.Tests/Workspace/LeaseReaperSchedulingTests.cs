using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Jobs;
using Facturix.Infrastructure.Workspace;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Quartz.Impl.Triggers;

namespace Facturix.Tests.Workspace;

/// <summary>
/// The reaper's wiring (AddWorkspaceJobs): the durable job and its every-minute trigger on the real scheduler, which runs it
/// on start and frees a lease that ran out by the fake clock. What one run does: <see cref="WorkspaceLeaseTests"/>.
/// </summary>
public sealed class LeaseReaperSchedulingTests(DatabaseFixture fixture) : WorkspaceQueueTest(fixture)
{
    [Fact]
    public async Task The_scheduler_runs_the_reaper_every_minute_and_it_frees_a_lease_that_ran_out()
    {
        AtParis(10);
        var (campaign, bd) = await CampaignWithBdAsync(c => c.LockLeaseMinutes = 15);
        await LeadsAsync(campaign, 1);
        var held = (await Queue.GetNextAsync(bd, campaign.Id)).Lead!;
        Fixture.Clock.Advance(TimeSpan.FromMinutes(16)); // the workspace stopped renewing: the lease ran out a minute ago
        await using var events = await Fixture.RecordEventsAsync();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(Fixture.Clock);
        builder.Services.AddFacturixInfrastructure(Fixture.ConnectionString);
        builder.Services.AddFacturixJobs(Fixture.ConnectionString, quartz => quartz.AddWorkspaceJobs());
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var scheduler = host.Services.GetRequiredService<IScheduler>();
            Assert.True((await scheduler.GetJobDetail(LeaseReaperJob.Key))?.Durable);
            var trigger = Assert.IsAssignableFrom<ISimpleTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(LeaseReaperJob.Key)));
            Assert.Equal((LeaseReaperJob.Interval, SimpleTriggerImpl.RepeatIndefinitely), (trigger.RepeatInterval, trigger.RepeatCount));

            // Its first run comes with the scheduler's start: the lead is free again, and every screen is told.
            await events.WaitForAsync<LeadUnlocked>(e => e.LeadId == held.Id && e.CampaignId == campaign.Id);
            var freed = await ReloadAsync(held.Id);
            Assert.Equal((null, null, null), (freed.LockedById, freed.LockedAt, freed.LockExpiresAt));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
