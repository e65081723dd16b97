using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Jobs;
using Facturix.Infrastructure.Leads.Bulk;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Facturix.Tests.Leads.Bulk;

/// <summary>
/// Past the inline limit a bulk action becomes a BulkOperation run by the Quartz job in chunks: progress is saved and
/// announced, and the operation reaches Completed. A host of its own runs the app's scheduler on the fixture's database.
/// </summary>
public sealed class LeadBulkJobTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private readonly LogRecorder _log = new();

    private async Task<IHost> StartHostAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_log);
        builder.Services.AddSingleton<TimeProvider>(Fixture.Clock);
        builder.Services.AddFacturixInfrastructure(Fixture.ConnectionString);
        // Small numbers so 25 leads take the job path in chunks of 10.
        builder.Services.Configure<LeadBulkOptions>(o => (o.InlineLimit, o.ChunkSize) = (5, 10));
        builder.Services.AddFacturixJobs(Fixture.ConnectionString, quartz => quartz.AddLeadBulkJob());
        var host = builder.Build();
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IScheduler>();
        await Eventually.HoldsAsync(async () => await scheduler.GetStatus(), s => s == SchedulerStatus.Running, "running");
        return host;
    }

    [Fact]
    public async Task A_large_selection_runs_as_a_job_in_chunks_with_live_progress_until_completed()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account);
        var leads = await Given.LeadsAsync(campaign, 25);
        using var host = await StartHostAsync();
        await using var events = await Fixture.RecordEventsAsync();
        var bulk = host.Services.GetRequiredService<ILeadBulkService>();

        var result = await bulk.RunAsync(manager, LeadSelection.AllMatching(new LeadListQuery(CampaignId: campaign.Id)),
            new LeadBulkAction.SetCallback(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero)));

        Assert.True(result.Queued);
        Assert.Equal(25, result.Affected);
        var operationId = result.OperationId!.Value;
        await events.WaitForAsync<BulkOperationProgressed>(e => e.OperationId == operationId && e.Done == 10 && e.State == "Running");
        await events.WaitForAsync<BulkOperationProgressed>(e => e.OperationId == operationId && e.Done == 20);
        var done = await events.WaitForAsync<BulkOperationProgressed>(e => e.OperationId == operationId && e.State == "Completed",
            TimeSpan.FromSeconds(30));
        Assert.Equal((25, 25), (done.Done, done.Total));
        Assert.Equal(manager.UserId, done.RequestedById);
        await events.WaitForAsync<LeadsChanged>(e => e.CampaignIds.Contains(campaign.Id));

        var status = await bulk.GetOperationAsync(manager, operationId);
        Assert.Equal(BulkOperationState.Completed, status.State);
        await using var db = NewDb();
        Assert.Equal(25, await db.Leads.CountAsync(l => l.CampaignId == campaign.Id && l.NextCallAt != null));
        var operation = await db.BulkOperations.AsNoTracking().SingleAsync(o => o.Id == operationId);
        Assert.NotNull(operation.FinishedAt);
        // One audit row for the whole action, written when it was queued.
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "leads.bulk-callback-set"));
        Assert.Equal(leads.Count, operation.Total);
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Error);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_job_whose_requester_lost_the_capability_fails_without_changing_anything()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account);
        await Given.LeadsAsync(campaign, 8);
        var operation = new BulkOperation
        {
            Id = Guid.CreateVersion7(), RequestedById = manager.UserId, Kind = LeadBulkAction.Delete.Name, State = BulkOperationState.Queued,
            Total = 8, CreatedAt = Fixture.Clock.GetUtcNow(),
            Parameters = $$$"""{"selection":{"matching":{"campaignId":"{{{campaign.Id}}}"}},"action":{"type":"delete"}}""",
        };
        await using (var db = NewDb())
        {
            db.BulkOperations.Add(operation);
            await db.SaveChangesAsync();
        }
        await Get<IPermissionMatrix>().SetAsync(await Given.UserAsync(Roles.Admin), Roles.Manager, Capability.LeadsDelete, false);

        await Get<LeadBulkService>().ProcessAsync(operation.Id, CancellationToken.None);

        await using var check = NewDb();
        var after = await check.BulkOperations.AsNoTracking().SingleAsync(o => o.Id == operation.Id);
        Assert.Equal((BulkOperationState.Failed, "forbidden", 0), (after.State, after.Error, after.Done));
        Assert.Equal(8, await check.Leads.CountAsync(l => l.CampaignId == campaign.Id));
    }
}
