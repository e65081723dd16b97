using Facturix.Domain.Dashboard;
using Facturix.Domain.Users;
using Facturix.Infrastructure.DemoData;
using Facturix.Infrastructure.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace Facturix.Tests.Benchmarks;

/// <summary>
/// Dashboard KPIs over the full demo data, through the service (EF Core, scope rules, one round trip),
/// against hand-written SQL computing the same four numbers on the same database.
/// </summary>
[Trait("Category", "Bench")]
[Collection(BenchmarkCollection.Name)]
public sealed class KpiQueryBenchmark(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private const int Runs = 31;

    [Fact]
    public async Task Kpis_for_the_admin_and_for_a_BD_against_raw_sql()
    {
        var dataSource = fixture.Services.GetRequiredService<NpgsqlDataSource>();
        await new DemoDataSeeder(dataSource, new PasswordHasher<AppUser>(), NullLogger<DemoDataSeeder>.Instance)
            .SeedAsync(new DemoSeedOptions { Now = DateTimeOffset.UtcNow }, CancellationToken.None);
        await using (var analyze = dataSource.CreateCommand("ANALYZE")) await analyze.ExecuteNonQueryAsync();

        await using var db = fixture.NewDb();
        var admin = await ActorAsync(db, "admin@facturix.local");
        var manager = await ActorAsync(db, "manager@facturix.local");
        var bd = await ActorAsync(db, "bd1@facturix.local");
        var service = fixture.Services.GetRequiredService<IDashboardService>();

        foreach (var (label, actor) in new[] { ("admin", admin), ("manager", manager), ("bd1", bd) })
        {
            await service.GetKpisAsync(actor); // warm-up: compile the query once
            var measured = await BenchmarkReport.MedianAsync(Runs, () => service.GetKpisAsync(actor));
            var baseline = await BenchmarkReport.MedianAsync(Runs, () => RawKpisAsync(dataSource, actor));
            BenchmarkReport.Report(output, $"KPIs ({label})", measured, "raw SQL, same numbers", baseline);
            Assert.Equal(await RawKpisAsync(dataSource, actor), await service.GetKpisAsync(actor));
        }
    }

    private async Task<Actor> ActorAsync(Facturix.Infrastructure.Database.FacturixDb db, string email) =>
        (await fixture.Services.GetRequiredService<IActorResolver>()
            .ResolveAsync(await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()))!;

    private static async Task<KpiSnapshot> RawKpisAsync(NpgsqlDataSource dataSource, Actor actor)
    {
        // Scope as architecture.md defines it: the agency, or assigned accounts' campaigns plus assigned campaigns.
        // Campaigns of archived clients leave the figures.
        var scope = actor.HasAgencyScope
            ? "SELECT c.id, c.account_id, c.status FROM campaigns c WHERE c.account_id NOT IN (SELECT id FROM accounts WHERE archived_at IS NOT NULL)"
            : """
              SELECT c.id, c.account_id, c.status FROM campaigns c
              WHERE (EXISTS (SELECT 1 FROM campaign_assignments a WHERE a.campaign_id = c.id AND a.user_id = @user)
                 OR EXISTS (SELECT 1 FROM account_assignments a WHERE a.account_id = c.account_id AND a.user_id = @user))
                AND c.account_id NOT IN (SELECT id FROM accounts WHERE archived_at IS NOT NULL)
              """;
        await using var command = dataSource.CreateCommand($"""
            WITH scoped AS ({scope})
            SELECT
              (SELECT count(*) FROM accounts a WHERE a.archived_at IS NULL {(actor.HasAgencyScope ? "" : "AND (a.id IN (SELECT account_id FROM scoped) OR a.id IN (SELECT account_id FROM account_assignments WHERE user_id = @user))")}),
              (SELECT count(*) FROM scoped WHERE status = 'Active'),
              (SELECT count(*) FROM leads l WHERE l.campaign_id IN (SELECT id FROM scoped)),
              (SELECT count(*) FROM leads l WHERE l.campaign_id IN (SELECT id FROM scoped) AND l.status = 'Converted')
            """);
        command.Parameters.AddWithValue("user", actor.UserId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new KpiSnapshot((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3));
    }
}
