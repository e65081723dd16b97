using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
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
/// itself, on the real scheduler; an import that keeps failing without progress fails with its reason. A shutdown during
/// the wait queues it as paused and the next start resumes it (decision 0093).
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
        await using var events = await Fixture.RecordEventsAsync();

        await imports.StartAsync(admin, import.Id, Settings(DuplicatePolicy.Skip));

        var done = await Eventually.HoldsAsync(() => imports.GetAsync(admin, import.Id), s => s.State != ImportState.Running && s.State != ImportState.Queued,
            "finished", TimeSpan.FromSeconds(60));
        Assert.Equal((ImportState.Failed, ImportErrors.Interrupted, 3L, 3L, true),
            (done.State, done.Error, done.RowsRead, done.Created, done.CanRevert)); // batch 1 stays, for revert
        Assert.Equal(3, kills); // the run and its two retries
        // Announced as its starter's: "your import finished" tells them it failed.
        var failed = await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Failed));
        Assert.Equal((3L, admin.UserId), (failed.Written, failed.CreatedById));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_shutdown_while_the_job_waits_to_retry_queues_the_import_as_paused_and_the_next_start_resumes_it()
    {
        // A retry 10 minutes away: only the shutdown can end the wait.
        var host = await HostAsync(maxRetries: 3, retryDelay: TimeSpan.FromMinutes(10));
        var runner = host.Services.GetRequiredService<LeadImportRunner>();
        var kills = 0;
        runner.BeforeCommit = async batch =>
        {
            if (batch == 2 && Interlocked.CompareExchange(ref kills, 1, 0) == 0) await TerminateTheBatchAsync();
        };
        var (admin, import) = await DraftAsync();
        var imports = host.Services.GetRequiredService<IImportService>();
        await imports.StartAsync(admin, import.Id, Settings(DuplicatePolicy.Skip));
        // Batch 2 is lost with its session (which held the run's lock): the job is between its run and its retry.
        await Eventually.HoldsAsync(async () => (Volatile.Read(ref kills), await AdvisoryLocksAsync()), s => s == (1, 0L), "the run lost batch 2",
            TimeSpan.FromSeconds(60));

        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(60)); // the wait is cancelled, not sat out
        host.Dispose();

        // Nobody works on it now, and it says so: queued again, paused, batch 1 kept.
        var paused = await Imports.GetAsync(admin, import.Id);
        Assert.Equal((ImportState.Queued, ImportErrors.Paused, 3L, 3L), (paused.State, paused.Error, paused.RowsRead, paused.Created));

        using var next = await HostAsync(maxRetries: 3);
        var done = await Eventually.HoldsAsync(() => Imports.GetAsync(admin, import.Id), s => s.State is not (ImportState.Queued or ImportState.Running),
            "resumed and finished", TimeSpan.FromSeconds(60));
        Assert.Equal((ImportState.Completed, null, 12L, 12L), (done.State, done.Error, done.RowsRead, done.Created));
        await using (var db = NewDb())
            Assert.Equal(12, await db.Leads.CountAsync(l => l.ImportId == import.Id));
        await next.StopAsync();
    }

    [Fact]
    public async Task An_import_left_running_by_a_shutdown_that_could_not_mark_it_is_resumed_at_the_next_start()
    {
        // The database was down at the shutdown (when a retry waits): the import still reads Running, from a run begun before.
        var (admin, import) = await DraftAsync();
        await Imports.StartAsync(admin, import.Id, Settings(DuplicatePolicy.Skip));
        await using (var db = NewDb())
            await db.Imports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(u => u
                .SetProperty(i => i.State, ImportState.Running).SetProperty(i => i.RunStartedAt, Fixture.Clock.GetUtcNow().AddMinutes(-5)));

        using var host = await HostAsync(maxRetries: 3);
        var done = await Eventually.HoldsAsync(() => Imports.GetAsync(admin, import.Id), s => s.State != ImportState.Running,
            "resumed and finished", TimeSpan.FromSeconds(60));
        Assert.Equal((ImportState.Completed, 12L, 12L), (done.State, done.RowsRead, done.Created));
        await host.StopAsync();
    }

    /// <summary>Advisory locks held in this database: the run's own, and a checkpoint's gate.</summary>
    private async Task<long> AdvisoryLocksAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE d.datname = current_database() AND l.locktype = 'advisory'
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
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

    private async Task<IHost> HostAsync(int maxRetries, TimeSpan? retryDelay = null)
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
            (o.BatchSize, o.Writers, o.RetryDelay, o.MaxRetries) = (3, 1, retryDelay ?? TimeSpan.FromMilliseconds(100), maxRetries);
        });
        builder.Services.AddFacturixJobs(Fixture.ConnectionString, quartz => quartz.AddImportJobs());
        var host = builder.Build();
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IScheduler>();
        await Eventually.HoldsAsync(async () => await scheduler.GetStatus(), s => s == SchedulerStatus.Running, "running");
        return host;
    }
}
