using Facturix.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Facturix.Tests.Benchmarks;

/// <summary>
/// Builds (or reuses) the shared 1,000,000-lead data set and checks it is what the benchmarks claim to measure:
/// the volumes of issue 13, accented names, several campaigns and owners, and duplicates for the scan to find.
/// </summary>
[Trait("Category", "Bench")]
[Collection(BenchmarkCollection.Name)]
public sealed class LeadBenchmarkDataBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task The_data_set_has_the_issue_volumes_and_a_realistic_spread()
    {
        var data = await LeadBenchmarkData.GetAsync();
        output.WriteLine($"Data set: {data.Seed.Leads} leads, {data.Seed.Activities} activities, {data.Seed.Campaigns} campaigns; " +
            $"seed {data.Seed.Elapsed.TotalSeconds:F0} s, build {data.BuildTime.TotalSeconds:F0} s");

        await using var command = data.DataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM leads),
                   (SELECT count(*) FROM activities),
                   (SELECT count(DISTINCT campaign_id) FROM leads),
                   (SELECT count(DISTINCT owner_id) FROM leads),
                   (SELECT count(DISTINCT status) FROM leads),
                   (SELECT count(*) FROM leads WHERE last_name ~ '[éèêëàâîïôöûüçÉÈ]' OR first_name ~ '[éèêëàâîïôöûüçÉÈ]'),
                   (SELECT count(*) FROM (SELECT lower(email) FROM leads WHERE email IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d)
            """);
        command.CommandTimeout = 300;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        long leads = reader.GetInt64(0), activities = reader.GetInt64(1), campaigns = reader.GetInt64(2), owners = reader.GetInt64(3),
            statuses = reader.GetInt64(4), accented = reader.GetInt64(5), duplicatedEmails = reader.GetInt64(6);
        output.WriteLine($"campaigns {campaigns}, owners {owners}, statuses {statuses}, accented names {accented}, duplicated e-mails {duplicatedEmails}");
        Assert.Equal(1_000_000, leads);
        Assert.InRange(activities, 4_500_000, 5_500_000);
        Assert.True(campaigns >= 10 && owners >= 7 && statuses >= 8);
        Assert.InRange(accented, 50_000, 900_000);
        Assert.InRange(duplicatedEmails, 10_000, 40_000);
    }
}
