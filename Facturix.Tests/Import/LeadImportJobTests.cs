using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Import;
using Facturix.Infrastructure.Jobs;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Facturix.Tests.Import;

/// <summary>The wiring: StartAsync triggers the durable Quartz job (AddImportJobs), which runs the import to Completed with live progress.</summary>
public sealed class LeadImportJobTests(DatabaseFixture fixture) : ImportTest(fixture)
{
    [Fact]
    public async Task Starting_an_import_runs_it_on_the_scheduler_to_completion()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(Fixture.Clock);
        builder.Services.AddFacturixInfrastructure(Fixture.ConnectionString);
        builder.Services.AddFacturixJobs(Fixture.ConnectionString, quartz => quartz.AddImportJobs());
        using var host = builder.Build();
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IScheduler>();
        await Eventually.HoldsAsync(async () => await scheduler.GetStatus(), s => s == SchedulerStatus.Running, "running");
        var job = await scheduler.GetJobDetail(LeadImportJob.Key);
        Assert.True(job is { Durable: true, RequestsRecovery: true });

        var account = await Given.AccountAsync();
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(account);
        var import = await DraftAsync(campaign, admin, "Camille;Martin;Acme;camille@acme.fr;06 12 34 56 78;;;", "Jean;Durand;;;;;;");
        await using var events = await Fixture.RecordEventsAsync();
        var imports = host.Services.GetRequiredService<IImportService>();

        await imports.StartAsync(admin, import.Id, Settings(DuplicatePolicy.Skip));

        var done = await Eventually.HoldsAsync(() => imports.GetAsync(admin, import.Id), s => s.State == ImportState.Completed, "completed",
            TimeSpan.FromSeconds(30));
        Assert.Equal((2L, 2L), (done.RowsRead, done.Created));
        await events.WaitForAsync<LeadsImported>(e => e.CampaignId == campaign.Id && e.Count == 2);
        await host.StopAsync();
    }
}
