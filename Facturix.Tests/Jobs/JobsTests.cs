using Facturix.Tests.Support;
using System.Text.RegularExpressions;
using Facturix.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;
using Xunit.Abstractions;

namespace Facturix.Tests.Jobs;

public sealed class QuartzSchemaTests
{
    /// <summary>
    /// The migration's SQL must be the schema the referenced Quartz creates for itself. When a Quartz
    /// upgrade changes it, this fails: add a migration with Quartz's upgrade script, then regenerate CreateSql.
    /// </summary>
    [Fact]
    public void CreateSql_is_the_postgres_schema_shipped_in_the_referenced_Quartz()
    {
        var quartz = typeof(IScheduler).Assembly;
        using var stream = quartz.GetManifestResourceStream("Quartz.Impl.AdoJobStore.Schema.create_postgres.sql");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        var shipped = reader.ReadToEnd()
            .Replace("{0}", QuartzSchema.TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", QuartzSchema.TablePrefix, StringComparison.Ordinal);

        Assert.Equal(Statements(shipped), Statements(QuartzSchema.CreateSql));
    }

    private static List<string> Statements(string sql)
    {
        var withoutComments = string.Join('\n', sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        return withoutComments.Split(';')
            .Select(statement => Regex.Replace(statement, @"\s+", " ").Trim())
            .Where(statement => statement.Length > 0)
            .ToList();
    }
}

public sealed class JobsOnPostgresTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Schema_applies_to_an_empty_database_and_the_hosted_scheduler_starts_persistent_and_clustered()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync("jobs_start");
        await ExecuteAsync(connectionString, QuartzSchema.CreateSql);
        await ExecuteAsync(connectionString, QuartzSchema.CreateSql); // a second run changes nothing
        Assert.Equal(QuartzSchema.Tables.Order(), await QuartzTablesAsync(connectionString));

        using var host = BuildHost(connectionString, new JobRuns());
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IScheduler>();
        await WaitUntilRunningAsync(scheduler);

        var metadata = await scheduler.GetMetadata();
        Assert.Equal(JobsSetup.SchedulerName, metadata.SchedulerName);
        Assert.True(metadata.JobStorePersistent);
        Assert.True(metadata.JobStoreClustered);
        Assert.NotEqual(QuartzSchedulerOptions.DefaultInstanceId, metadata.SchedulerInstanceId);

        // The node checks in to the cluster table under its generated id.
        var checkedIn = await ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = @name AND instance_name = @id",
            ("name", JobsSetup.SchedulerName), ("id", metadata.SchedulerInstanceId));
        Assert.Equal(1, checkedIn);

        await host.StopAsync();
    }

    [Fact]
    public async Task DropSql_removes_every_quartz_table_and_CreateSql_brings_them_back()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync("jobs_down_up");
        await ExecuteAsync(connectionString, QuartzSchema.CreateSql);
        await ExecuteAsync(connectionString, QuartzSchema.DropSql);
        Assert.Empty(await QuartzTablesAsync(connectionString));

        await ExecuteAsync(connectionString, QuartzSchema.CreateSql);
        Assert.Equal(QuartzSchema.Tables.Order(), await QuartzTablesAsync(connectionString));
    }

    [Fact]
    public async Task A_job_scheduled_before_a_restart_is_still_there_afterwards_and_then_runs()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync("jobs_restart");
        await ExecuteAsync(connectionString, QuartzSchema.CreateSql);
        var jobKey = new JobKey("restart-survivor", "tests");
        var triggerKey = new TriggerKey("restart-survivor", "tests");

        // First app instance: schedule a one-off a few seconds ahead, then shut down before it is due.
        var firstRuns = new JobRuns();
        DateTimeOffset fireAt;
        using (var first = BuildHost(connectionString, firstRuns))
        {
            await first.StartAsync();
            var scheduler = first.Services.GetRequiredService<IScheduler>();
            await WaitUntilRunningAsync(scheduler);
            fireAt = DateTimeOffset.UtcNow.AddSeconds(3);
            var job = JobBuilder.Create<RecordingJob>()
                .WithIdentity(jobKey)
                .UsingJobData(RecordingJob.LeadIdKey, "lead-42")
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(jobKey)
                .StartAt(fireAt)
                .Build();
            await scheduler.ScheduleJob(job, trigger);
            await first.StopAsync();
        }
        Assert.True(DateTimeOffset.UtcNow < fireAt, "The first host took longer to stop than the trigger's lead time.");
        Assert.False(firstRuns.Run.IsCompleted, "The job ran before the first host stopped.");

        // Between the two hosts the schedule lives in PostgreSQL only, waiting for any node.
        var state = await ScalarAsync<string>(connectionString,
            "SELECT trigger_state FROM qrtz_triggers WHERE sched_name = @name AND trigger_name = @trigger",
            ("name", JobsSetup.SchedulerName), ("trigger", triggerKey.Name));
        Assert.Equal("WAITING", state);

        // Second app instance on the same database: the job is there, and it fires on this instance.
        var secondRuns = new JobRuns();
        using var second = BuildHost(connectionString, secondRuns);
        await second.StartAsync();
        var restarted = second.Services.GetRequiredService<IScheduler>();
        await WaitUntilRunningAsync(restarted);
        Assert.True(await restarted.Exists(jobKey));
        var stored = await restarted.GetTrigger(triggerKey);
        Assert.NotNull(stored);
        Assert.Equal(fireAt.ToUnixTimeMilliseconds(), stored.NextFireTimeUtc?.ToUnixTimeMilliseconds());

        var run = await secondRuns.Run.WaitAsync(Patience);
        Assert.Equal(jobKey, run.JobKey);
        Assert.Equal("lead-42", run.LeadId);
        Assert.Equal(restarted.SchedulerInstanceId, run.InstanceId);
        Assert.False(firstRuns.Run.IsCompleted);

        await second.StopAsync();
    }

    private IHost BuildHost(string connectionString, JobRuns runs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development, // validates the container on build
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(runs);
        builder.Services.AddFacturixJobs(connectionString);
        return builder.Build();
    }

    /// <summary>The hosted service starts the scheduler once the application has started, just after StartAsync returns.</summary>
    private static async Task WaitUntilRunningAsync(IScheduler scheduler)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await scheduler.GetStatus(timeout.Token) != SchedulerStatus.Running)
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> QuartzTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'qrtz\\_%' ORDER BY table_name COLLATE \"C\"",
            connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables;
    }
}

/// <summary>What a test job saw when it ran, so a test can wait for it instead of sleeping.</summary>
public sealed record JobRun(JobKey JobKey, string? LeadId, string InstanceId);

/// <summary>Completed by <see cref="RecordingJob"/>; one per host.</summary>
public sealed class JobRuns
{
    private readonly TaskCompletionSource<JobRun> run = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<JobRun> Run => run.Task;

    public void Record(JobRun value) => run.TrySetResult(value);
}

/// <summary>A job that only reports that it ran, and where.</summary>
public sealed class RecordingJob(JobRuns runs) : IJob
{
    public const string LeadIdKey = "leadId";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        runs.Record(new JobRun(
            context.JobDetail.Key,
            context.MergedJobDataMap.GetString(LeadIdKey),
            context.Scheduler.SchedulerInstanceId));
        return ValueTask.CompletedTask;
    }
}

/// <summary>Routes the hosts' warnings and errors (Quartz's included) to the test output.</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName);

    public void Dispose() { }

    private sealed class Logger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            try
            {
                output.WriteLine($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
            }
            catch (InvalidOperationException)
            {
                // A background thread logging after the test finished.
            }
        }
    }
}
