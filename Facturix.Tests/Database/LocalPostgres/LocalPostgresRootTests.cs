using System.Runtime.Versioning;
using Facturix.Infrastructure.Database.LocalPostgres;
using Xunit.Abstractions;

namespace Facturix.Tests.Database.LocalPostgres;

/// <summary>
/// As root (how this machine runs the tests), PostgreSQL must run as the postgres system user. When the tests
/// run as a regular user these return early: xunit 2 has no dynamic skip, and there is nothing root-specific to check.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LocalPostgresRootTests(ITestOutputHelper output)
{
    [Fact]
    public async Task As_root_the_cluster_belongs_to_and_runs_as_the_postgres_user()
    {
        if (!UnixSystem.IsRoot)
        {
            return; // Not root: covered by LocalPostgresNonRootTests' inner run instead.
        }

        using var temp = new TempFolder("root");
        var options = new LocalPostgresOptions { DataDirectory = temp.Sub("cluster"), Throwaway = true };
        await using var cluster = await LocalPostgresCluster.StartAsync(options, new RecordingLogger(output));

        Assert.Equal("postgres", Shell.Owner(options.DataDirectory));
        Assert.Equal("postgres", Shell.Owner(Path.Combine(options.DataDirectory, "pgdata")));
        Assert.Equal("postgres", Shell.Owner(Path.Combine(options.DataDirectory, "superuser.password")));

        Assert.Equal(Shell.Uid("postgres"), Shell.ServerUid(options.DataDirectory));
        Assert.Equal(1, await Sql.ScalarAsync<int>(cluster.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task As_root_a_folder_the_postgres_user_cannot_reach_is_refused_with_the_reason()
    {
        if (!UnixSystem.IsRoot)
        {
            return;
        }

        using var temp = new TempFolder("closed");
        var closed = temp.Sub("closed");
        Directory.CreateDirectory(closed);
        File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // like /root

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = Path.Combine(closed, "cluster") }, new RecordingLogger(output)));

        Assert.Contains("not reachable by the 'postgres' system user", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{closed} (mode 700)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Facturix:DataDir", error.Message, StringComparison.Ordinal);
    }
}
