using System.Diagnostics;
using Facturix.Infrastructure.DemoData;
using Facturix.Infrastructure.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace Facturix.Tests.Benchmarks;

/// <summary>
/// The issue asks for the full demo seed (20,000 leads, ~150,000 activities) in under 30 s. Baseline: PostgreSQL
/// copying the same rows table-to-table on the server (CREATE TABLE ... AS SELECT), the floor for writing that volume.
/// </summary>
[Trait("Category", "Bench")]
[Collection(BenchmarkCollection.Name)]
public sealed class DemoSeedBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task Full_demo_seed_against_a_server_side_copy_of_the_same_rows()
    {
        var connectionString = await TestCluster.CreateMigratedDatabaseAsync("benchseed");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var seeder = new DemoDataSeeder(dataSource, new PasswordHasher<AppUser>(), NullLogger<DemoDataSeeder>.Instance);

        var watch = Stopwatch.StartNew();
        var result = await seeder.SeedAsync(new DemoSeedOptions { Now = DateTimeOffset.UtcNow }, CancellationToken.None);
        var seedTime = watch.Elapsed;

        watch.Restart();
        await using (var command = dataSource.CreateCommand("""
            CREATE TABLE bench_leads AS SELECT * FROM leads;
            CREATE TABLE bench_activities AS SELECT * FROM activities;
            CREATE TABLE bench_tasks AS SELECT * FROM tasks;
            """))
            await command.ExecuteNonQueryAsync();
        var baseline = watch.Elapsed;

        output.WriteLine($"Seeded {result.Leads} leads, {result.Activities} activities, {result.Tasks} tasks.");
        BenchmarkReport.Report(output, "demo seed", seedTime, "server-side copy of the same rows", baseline);
        Assert.True(seedTime < TimeSpan.FromSeconds(30), $"Seeding took {seedTime}.");
    }
}
