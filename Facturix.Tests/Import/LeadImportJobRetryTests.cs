using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Import;
using Facturix.Infrastructure.Jobs;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace Facturix.Tests.Import;

/// <summary>
/// The job retries an import a transient failure interrupted (decision 0087): its batch's connection is terminated by the
/// server (pg_terminate_backend, what a restart or a failover does to it), and the import goes on from its checkpoint by
/// itself, on the real scheduler; an import that keeps failing without progress fails with its reason.
/// </summary>
public sealed class LeadImportJobRetryTests(DatabaseFixture fixture) : ImportTest(fixture)
{
    private static readonly string[] Rows = DistinctRows(12);

    [Fact]
    public async Task A_lost_connection_mid_import_is_retried_and_the_import_completes_from_its_checkpoint()
    {
        using var host = await HostAsync(maxRetries: 3);
        var runner = host.Services.GetRequiredService<LeadImportRunner>();
        var kills = 0;
        runner.BeforeCommit = async batch =>
        {
            if (batch == 2 && Interlocked.CompareExchange(ref kills, 1, 0) == 0) await TerminateTheBatchAsync();
        };
        var (admin, import) = await DraftAsync();
        var imports = host.Services.GetRequiredService<IImportService>();

        await imports.StartAsync(admin, import.Id, Settings(DuplicatePolicy.Skip));

        var done = await Eventually.HoldsAsync(() => imports.GetAsync(admin, import.Id), s => s.State != ImportState.Running && s.State != ImportState.Queued,
            "finished", TimeSpan.FromSeconds(60));
        Assert.Equal((ImportState.Completed, null, 12L, 12L, 0L), (done.State, done.Error, done.RowsRead, done.Created, done.Duplicates));
        Assert.Equal(1, kills);
        await using var db = NewDb();
        Assert.Equal(12, await db.Leads.CountAsync(l => l.ImportId == import.Id)); // batch 2 was written once, after the retry
        await host.StopAsync();
    }

    [Fact]
    public async Task An_import_that_keeps_failing_without_progress_fails_with_its_reason_once_the_retries_run_out()
    {
        using var host = await HostAsync(maxRetries: 2);
        var runner = host.Services.GetRequiredService<LeadImportRunner>();
        var kills = 0;
        // The first run commits batch 1 and loses batch 2; every run after it loses its first batch: no progress.
        runner.BeforeCommit = async batch =>
        {
            if (batch == (Volatile.Read(ref kills) == 0 ? 2 : 1))
            {
                Interlocked.Increment(ref kills);
                await TerminateTheBatchAsync();
            }
        };
        var (admin, import) = await DraftAsync();
        var imports = host.Services.GetRequiredService<IImportService>();

        await imports.StartAsync(admin, import.Id, Settings(DuplicatePolicy.Skip));

        var done = await Eventually.HoldsAsync(() => imports.GetAsync(admin, import.Id), s => s.State != ImportState.Running && s.State != ImportState.Queued,
            "finished", TimeSpan.FromSeconds(60));
        Assert.Equal((ImportState.Failed, ImportErrors.Interrupted, 3L, 3L, true),
            (done.State, done.Error, done.RowsRead, done.Created, done.CanRevert)); // batch 1 stays, for revert
        Assert.Equal(3, kills); // the run and its two retries
        await host.StopAsync();
    }

    private async Task<(Actor Admin, LeadImport Import)> DraftAsync()
    {
        var account = await Given.AccountAsync();
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(account);
        return (admin, await DraftAsync(campaign, admin, Rows));
    }

    /// <summary>
    /// Ends, from the server, the session of the batch waiting to commit: the only one holding an import's checkpoint gate
    /// (ImportStopGate) shared.
    /// </summary>
    private async Task TerminateTheBatchAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.mode = 'ShareLock' AND l.granted
            """, connection);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    private async Task<IHost> HostAsync(int maxRetries)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(Fixture.Clock);
        builder.Services.AddFacturixInfrastructure(Fixture.ConnectionString);
        builder.Services.Configure<ImportJobOptions>(o =>
        {
            (o.BatchSize, o.Writers, o.RetryDelay, o.MaxRetries) = (3, 1, TimeSpan.FromMilliseconds(100), maxRetries);
        });
        builder.Services.AddFacturixJobs(Fixture.ConnectionString, quartz => quartz.AddImportJobs());
        var host = builder.Build();
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IScheduler>();
        await Eventually.HoldsAsync(async () => await scheduler.GetStatus(), s => s == SchedulerStatus.Running, "running");
        return host;
    }
}
