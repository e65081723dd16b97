using System.Diagnostics;
using Facturix.Domain.Users;
using Facturix.Infrastructure;
using Facturix.Infrastructure.DemoData;
using Facturix.Infrastructure.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Facturix.Tests.Benchmarks;

/// <summary>
/// The benchmark data set of issue 13 ("Numbers"): the demo agency at <see cref="DemoSeedOptions.Benchmark"/> scale,
/// 1,000,000 leads and about 5,000,000 activities over 5 accounts and 10 campaigns, 6 BDs and a manager, French names
/// with accents, e-mails and phones, 3 % of the leads repeating an earlier person (duplicates). Made by the demo
/// generator (<see cref="DemoDataSeeder"/>, binary COPY) once per test run, the first time a benchmark asks
/// (<see cref="GetAsync"/>), then shared by every benchmark of the run: 3–6 minutes and about 3 GB of memory while it
/// is generated, so only <c>Category=Bench</c> tests may ask for it.
/// </summary>
/// <remarks>
/// Use:
/// <code>
/// var data = await LeadBenchmarkData.GetAsync();
/// var admin = await data.ActorAsync(LeadBenchmarkData.Admin);
/// var leads = data.Services.GetRequiredService&lt;ILeadQueries&gt;();   // real infrastructure on the shared database
/// await using var raw = data.DataSource.CreateCommand("SELECT ...");   // baselines: raw SQL on the same database
/// </code>
/// The shared database is read-only by convention: a benchmark that writes (a duplicate scan storing its groups)
/// takes its own copy with <see cref="CloneAsync"/> (CREATE DATABASE … TEMPLATE, a file copy: tens of seconds).
/// Benchmarks run one at a time (<see cref="BenchmarkCollection"/>), so none measures another's work.
/// </remarks>
public sealed class LeadBenchmarkData
{
    public const string Admin = "admin@facturix.local";
    /// <summary>The demo manager: scoped to the first demo clients' accounts and their campaigns.</summary>
    public const string Manager = "manager@facturix.local";
    /// <summary>A demo BD: scoped to the campaigns assigned to them.</summary>
    public const string Bd = "bd1@facturix.local";

    private static readonly Lazy<Task<LeadBenchmarkData>> Shared = new(BuildAsync);

    private LeadBenchmarkData(string connectionString, ServiceProvider services, DemoSeedResult seed, TimeSpan buildTime)
    {
        ConnectionString = connectionString;
        DatabaseName = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        Services = services;
        DataSource = services.GetRequiredService<NpgsqlDataSource>();
        Seed = seed;
        BuildTime = buildTime;
    }

    /// <summary>The data set of this test run, built on the first call (later calls wait for the same build).</summary>
    public static Task<LeadBenchmarkData> GetAsync() => Shared.Value;

    public string ConnectionString { get; }
    public string DatabaseName { get; }

    /// <summary>The real infrastructure services (ILeadQueries, ILeadService, …) on the shared database, real clock.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The services' own data source, for raw-SQL baselines on the same database.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>What the seed wrote (leads, activities, …) and how long the seed itself took.</summary>
    public DemoSeedResult Seed { get; }

    /// <summary>Seed plus VACUUM ANALYZE: the data set's whole build time.</summary>
    public TimeSpan BuildTime { get; }

    /// <summary>The resolved actor (capabilities, scope) of a demo user, e.g. <see cref="Admin"/>, <see cref="Manager"/>, <see cref="Bd"/>.</summary>
    public async Task<Actor> ActorAsync(string email)
    {
        await using var command = DataSource.CreateCommand("SELECT id FROM \"AspNetUsers\" WHERE normalized_email = upper($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        var id = await command.ExecuteScalarAsync() as Guid? ?? throw new InvalidOperationException($"No demo user {email}.");
        return await Services.GetRequiredService<IActorResolver>().ResolveAsync(id)
            ?? throw new InvalidOperationException($"Demo user {email} does not resolve to an actor.");
    }

    /// <summary>
    /// A private, writable copy of the data set (its own database); returns its connection string. Closes the shared
    /// database's pooled connections first, as PostgreSQL copies only a database nobody is connected to.
    /// </summary>
    public async Task<string> CloneAsync(string purpose)
    {
        DataSource.Clear();
        NpgsqlConnection.ClearAllPools();
        return await TestCluster.CloneDatabaseAsync(DatabaseName, purpose);
    }

    private static async Task<LeadBenchmarkData> BuildAsync()
    {
        var watch = Stopwatch.StartNew();
        var connectionString = await TestCluster.CreateMigratedDatabaseAsync("bench_leads_1m");
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddFacturixInfrastructure(connectionString)
            .BuildServiceProvider();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var seeder = new DemoDataSeeder(dataSource, new PasswordHasher<AppUser>(), NullLogger<DemoDataSeeder>.Instance);
        var options = DemoSeedOptions.Benchmark(DateTimeOffset.UtcNow);
        // FACTURIX_BENCH_LEADS=100000 makes a smaller data set for a quick comparison while working; recorded figures use the default.
        if (int.TryParse(Environment.GetEnvironmentVariable("FACTURIX_BENCH_LEADS"), out var leadCount) && leadCount > 0)
            options = options with { LeadCount = leadCount };
        var seed = await seeder.SeedAsync(options, CancellationToken.None);
        // A freshly copied table has no visibility map: without VACUUM, index-only scans visit every heap page.
        await using (var vacuum = dataSource.CreateCommand("VACUUM ANALYZE"))
        {
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }
        return new LeadBenchmarkData(connectionString, services, seed, watch.Elapsed);
    }
}
