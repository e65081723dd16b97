using System.Diagnostics;
using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Facturix.Tests.Benchmarks;

/// <summary>
/// The accounts list (issue 12: "stays fast at 10,000 accounts"): one page of a search sorted by name, through
/// <see cref="IAccountService.ListAsync"/> (EF Core, scope, count + page + the page's managers), against hand-written
/// SQL doing the same three queries on the same database. Reports p95 of many runs; target p95 &lt; 50 ms.
/// </summary>
[Trait("Category", "Bench")]
[Collection(BenchmarkCollection.Name)]
public sealed class AccountsListBenchmark(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private const int AccountCount = 10_000;
    private const int Runs = 101;
    private const string Search = "bou";

    private static readonly string[] Prefixes =
        ["Boulangeries", "Garage", "Cabinet", "Transports", "Menuiserie", "Pharmacie", "Agence", "Atelier", "Hôtel", "Société",
         "Librairie", "Brasserie", "Imprimerie", "Clinique", "Domaine", "Studio", "Bureau", "Ferme", "Maison", "Groupe"];
    private static readonly string[] Families =
        ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
         "Lefèbvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier"];
    private static readonly string[] Cities =
        ["Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Nantes", "Strasbourg", "Montpellier", "Bordeaux", "Lille", "Rennes",
         "Reims", "Le Havre", "Saint-Étienne", "Toulon", "Grenoble", "Dijon", "Angers", "Nîmes", "Brest", "Bourges", "Boulogne"];
    private static readonly string[] Industries =
        ["Alimentation", "Automobile", "BTP", "Conseil", "Santé", "Logistique", "Tourisme", "Industrie", "Commerce", "Services"];

    [Fact]
    public async Task A_search_page_sorted_by_name_at_10000_accounts_against_raw_sql()
    {
        var dataSource = fixture.Services.GetRequiredService<NpgsqlDataSource>();
        var given = new TestData(fixture);
        var admin = await given.UserAsync(Roles.Admin);
        var managers = new List<Actor>();
        for (var i = 0; i < 5; i++) managers.Add(await given.UserAsync(Roles.Manager));
        await SeedAsync(managers);
        await using (var analyze = dataSource.CreateCommand("ANALYZE")) await analyze.ExecuteNonQueryAsync();

        var service = fixture.Services.GetRequiredService<IAccountService>();
        var query = new AccountListQuery(Search);
        var page = new PageRequest(0, 25, AccountListQuery.Sort.Name);

        var expected = await RawListAsync(dataSource, Search);
        var actual = await service.ListAsync(admin, query, page); // also the warm-up: compiles the query once
        Assert.Equal(expected.Total, actual.TotalCount);
        Assert.Equal(expected.Ids, actual.Items.Select(r => r.Id));
        Assert.True(actual.TotalCount is > 100 and < AccountCount, $"the search should match a slice, matched {actual.TotalCount}");

        var (measured, measuredMedian) = await P95Async(Runs, () => service.ListAsync(admin, query, page));
        var (baseline, baselineMedian) = await P95Async(Runs, () => RawListAsync(dataSource, Search));
        BenchmarkReport.Report(output, "accounts-list", measured, "raw SQL", baseline);
        BenchmarkReport.Report(output, "accounts-list median", measuredMedian, "raw SQL", baselineMedian);

        // The heaviest page: no search, so every live account is counted and sorted.
        var all = new AccountListQuery();
        await service.ListAsync(admin, all, page);
        var (measuredAll, _) = await P95Async(Runs, () => service.ListAsync(admin, all, page));
        var (baselineAll, _) = await P95Async(Runs, () => RawListAsync(dataSource, null));
        BenchmarkReport.Report(output, "accounts-list (no search)", measuredAll, "raw SQL", baselineAll);
        // The 50 ms target is read from the report (docs/benchmarks.md), not asserted: on a shared 2-core machine the
        // absolute p95 mostly measures the neighbours; the ratio to the raw SQL of the same run is what this guards.
        Assert.True(measured < baseline * 3, $"p95 {measured.TotalMilliseconds:F1} ms against raw SQL {baseline.TotalMilliseconds:F1} ms");
    }

    /// <summary>The 95th percentile and the median of <paramref name="runs"/> timings.</summary>
    private static async Task<(TimeSpan P95, TimeSpan Median)> P95Async(int runs, Func<Task> operation)
    {
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation();
            times.Add(watch.Elapsed);
        }
        times.Sort();
        return (times[(int)Math.Ceiling(runs * 0.95) - 1], times[runs / 2]);
    }

    private async Task SeedAsync(IReadOnlyList<Actor> managers)
    {
        var random = new Random(12);
        var now = DateTimeOffset.UtcNow;
        await using var db = fixture.NewDb();
        var accounts = Enumerable.Range(0, AccountCount).Select(i => new Account
        {
            Id = Guid.CreateVersion7(now.AddSeconds(i)),
            Name = $"{Prefixes[random.Next(Prefixes.Length)]} {Families[random.Next(Families.Length)]} {i}",
            City = Cities[random.Next(Cities.Length)],
            Industry = Industries[random.Next(Industries.Length)],
            Country = "FR",
            Status = (AccountStatus)random.Next(4),
            CreatedAt = now.AddMinutes(-i), UpdatedAt = now,
            ArchivedAt = i % 20 == 0 ? now : null,
        }).ToList();
        db.Accounts.AddRange(accounts);
        // A campaign on one account in five, and each manager responsible for 200 accounts.
        db.Campaigns.AddRange(accounts.Where((_, i) => i % 5 == 0).Select(a => new Campaign
        {
            Id = Guid.CreateVersion7(), AccountId = a.Id, Name = $"Campagne {a.Name}", State = CampaignState.Active, CreatedAt = now, UpdatedAt = now,
        }));
        db.AccountAssignments.AddRange(managers.SelectMany((m, k) => accounts.Skip(k * 200).Take(200)
            .Select(a => new AccountAssignment { AccountId = a.Id, UserId = m.UserId, AssignedAt = now })));
        await db.SaveChangesAsync();
    }

    private sealed record RawPage(long Total, List<Guid> Ids);

    /// <summary>What the service does, by hand: the count, the page (with each row's campaign count), the page's managers.</summary>
    private static async Task<RawPage> RawListAsync(NpgsqlDataSource dataSource, string? search)
    {
        var where = "a.archived_at IS NULL" + (search is null ? "" : " AND (a.name ILIKE @pattern OR a.city ILIKE @pattern)");
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM accounts a WHERE {where}", connection);
        if (search is not null) count.Parameters.AddWithValue("pattern", $"%{search}%");
        var total = (long)(await count.ExecuteScalarAsync())!;

        await using var pageCommand = new NpgsqlCommand($"""
            SELECT a.id, a.name, a.siren, a.city, a.country, a.industry, a.status, a.created_at, a.archived_at,
                   (SELECT count(*) FROM campaigns c WHERE c.account_id = a.id)
            FROM accounts a WHERE {where}
            ORDER BY a.name COLLATE "fr-x-icu", a.id
            LIMIT 25 OFFSET 0
            """, connection);
        if (search is not null) pageCommand.Parameters.AddWithValue("pattern", $"%{search}%");
        var ids = new List<Guid>();
        await using (var reader = await pageCommand.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                ids.Add(reader.GetGuid(0));

        await using var managers = new NpgsqlCommand(
            "SELECT x.account_id, u.display_name FROM account_assignments x JOIN \"AspNetUsers\" u ON u.id = x.user_id WHERE x.account_id = ANY(@ids)",
            connection);
        managers.Parameters.AddWithValue("ids", ids.ToArray());
        await using (var reader = await managers.ExecuteReaderAsync())
            while (await reader.ReadAsync()) { }
        return new RawPage(total, ids);
    }
}
