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

    private static Task<LocalPostgresCluster> StartAsync(string prefix) =>
        LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = LocalPostgresOptions.NewThrowawayDirectory(prefix), Throwaway = true },
            NullLogger.Instance);
}
