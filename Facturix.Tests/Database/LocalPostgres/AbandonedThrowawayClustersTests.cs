using Facturix.Infrastructure.Database.LocalPostgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Facturix.Tests.Database.LocalPostgres;

public sealed class AbandonedThrowawayClustersTests
{
    [Fact]
    public async Task A_cluster_whose_owner_died_is_stopped_and_deleted_while_a_live_one_is_left_alone()
    {
        var prefix = $"facturix-sweep-{Guid.NewGuid():N}"[..24];
        await using var live = await StartAsync(prefix);
        var abandoned = await StartAsync(prefix);
        // Simulate a test host killed before its exit handler ran: the owner stamp names a dead process.
        await File.WriteAllTextAsync(Path.Combine(abandoned.DataDirectory, "owner.pid"), "999999 1 deadbeef");

        var removed = AbandonedThrowawayClusters.Sweep(prefix, NullLogger.Instance);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(abandoned.DataDirectory));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection(abandoned.ConnectionString + ";Timeout=3;Pooling=false");
            await connection.OpenAsync();
        });
        Assert.True(Directory.Exists(live.DataDirectory));
        await using var stillUp = new NpgsqlConnection(live.ConnectionString);
        await stillUp.OpenAsync();
    }

    [Fact]
    public void A_folder_without_an_owner_stamp_is_left_alone_while_another_run_may_still_be_creating_it()
    {
        var prefix = $"facturix-sweep-{Guid.NewGuid():N}"[..24];
        var starting = LocalPostgresOptions.NewThrowawayDirectory(prefix);
        var paths = new ClusterPaths(starting);
        Directory.CreateDirectory(paths.PgData);
        File.WriteAllText(paths.PasswordFile, "secret"); // what a run writes before its initdb, then its owner stamp
        try
        {
            Assert.Equal(0, AbandonedThrowawayClusters.Sweep(prefix, NullLogger.Instance));
            Assert.True(Directory.Exists(paths.PgData));

            Directory.SetLastWriteTimeUtc(starting, DateTime.UtcNow - AbandonedThrowawayClusters.UnstampedGrace - TimeSpan.FromMinutes(1));
            Assert.Equal(1, AbandonedThrowawayClusters.Sweep(prefix, NullLogger.Instance));
            Assert.False(Directory.Exists(starting));
        }
        finally
        {
            if (Directory.Exists(starting)) Directory.Delete(starting, recursive: true);
        }
    }

    private static Task<LocalPostgresCluster> StartAsync(string prefix) =>
        LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = LocalPostgresOptions.NewThrowawayDirectory(prefix), Throwaway = true },
            NullLogger.Instance);
}
