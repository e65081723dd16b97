using System.Globalization;
using System.Runtime.Versioning;
using Facturix.Infrastructure.Database.LocalPostgres;
using Npgsql;
using Xunit.Abstractions;

namespace Facturix.Tests.Database.LocalPostgres;

/// <summary>Real clusters from the installed PostgreSQL binaries (each start is about a second).</summary>
[SupportedOSPlatform("linux")]
public sealed class LocalPostgresClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Throwaway_cluster_starts_answers_and_is_deleted_on_dispose()
    {
        using var temp = new TempFolder("start");
        var logger = new RecordingLogger(output);
        var options = new LocalPostgresOptions { DataDirectory = temp.Sub("cluster"), DatabaseName = "facturix_start", Throwaway = true };

        await using (var cluster = await LocalPostgresCluster.StartAsync(options, logger))
        {
            Assert.InRange(cluster.Port, 1, 65535);
            Assert.Equal(1, await Sql.ScalarAsync<int>(cluster.ConnectionStringFor("postgres"), "SELECT 1"));

            // The app's database was created and is what ConnectionString points at.
            Assert.Equal("facturix_start", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SELECT current_database()"));
            Assert.Equal("127.0.0.1", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW listen_addresses"));
            Assert.Equal("UTF8", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW server_encoding"));
            Assert.Equal("off", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW fsync"));
            Assert.Equal("off", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW full_page_writes"));
            // A server setting only the superuser may read; the app's own connection is not that.
            Assert.StartsWith(cluster.DataDirectory, await Sql.ScalarAsync<string>(cluster.ConnectionStringFor("postgres"), "SHOW unix_socket_directories"), StringComparison.Ordinal);

            var passwordFile = Path.Combine(options.DataDirectory, "superuser.password");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
            Assert.Contains(File.ReadAllText(passwordFile).Trim(), cluster.ConnectionStringFor("postgres"), StringComparison.Ordinal);
            var appPasswordFile = Path.Combine(options.DataDirectory, "app.password");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(appPasswordFile));
            Assert.Contains(File.ReadAllText(appPasswordFile).Trim(), cluster.ConnectionString, StringComparison.Ordinal);
            Assert.Contains($"Username={LocalPostgresCluster.AppRole}", cluster.ConnectionString, StringComparison.Ordinal);

            // A wrong password is refused: host connections need the generated one.
            var wrong = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Password = "wrong", Pooling = false }.ConnectionString;
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<int>(wrong, "SELECT 1"));
            Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);

            Assert.Single(logger.Messages, message => message.Contains("Local PostgreSQL ready", StringComparison.Ordinal));
        }

        Assert.False(Directory.Exists(options.DataDirectory));
    }

    [Fact]
    public async Task Restart_on_the_same_folder_reuses_the_cluster_and_its_data_without_initdb()
    {
        using var temp = new TempFolder("reuse");
        var options = new LocalPostgresOptions { DataDirectory = temp.Sub("cluster") };

        var firstLogger = new RecordingLogger(output);
        long systemId;
        await using (var first = await LocalPostgresCluster.StartAsync(options, firstLogger))
        {
            await Sql.ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (id int primary key, name text); INSERT INTO kept VALUES (1, 'from run 1')");
            systemId = await Sql.ScalarAsync<long>(first.ConnectionString, "SELECT system_identifier FROM pg_control_system()");
            await first.StopAsync();
            await first.StopAsync(); // idempotent
            Assert.False(File.Exists(Shell.PostmasterPidFile(options.DataDirectory)));
        }

        Assert.Contains(firstLogger.Messages, message => message.Contains("initdb", StringComparison.Ordinal));

        var secondLogger = new RecordingLogger(output);
        await using (var second = await LocalPostgresCluster.StartAsync(options, secondLogger))
        {
            Assert.Equal("from run 1", await Sql.ScalarAsync<string>(second.ConnectionString, "SELECT name FROM kept WHERE id = 1"));
            // Same cluster: initdb gives every new cluster a new system identifier.
            Assert.Equal(systemId, await Sql.ScalarAsync<long>(second.ConnectionString, "SELECT system_identifier FROM pg_control_system()"));
        }

        Assert.DoesNotContain(secondLogger.Messages, message => message.Contains("initdb", StringComparison.Ordinal));
        Assert.Contains(secondLogger.Messages, message => message.Contains("existing cluster", StringComparison.Ordinal));
        Assert.True(Directory.Exists(Path.Combine(options.DataDirectory, "pgdata")), "a kept cluster stays on disk");
    }

    [Fact]
    public async Task Start_while_a_server_runs_on_the_folder_reuses_it_and_leaves_it_to_its_owner()
    {
        using var temp = new TempFolder("running");
        var options = new LocalPostgresOptions { DataDirectory = temp.Sub("cluster") };

        await using var owner = await LocalPostgresCluster.StartAsync(options, new RecordingLogger(output));
        var pid = Shell.PostmasterPid(options.DataDirectory);

        var logger = new RecordingLogger(output);
        await using (var second = await LocalPostgresCluster.StartAsync(options, logger))
        {
            Assert.Equal(owner.Port, second.Port);
            Assert.Equal(1, await Sql.ScalarAsync<int>(second.ConnectionString, "SELECT 1"));
            Assert.Contains(logger.Messages, message => message.Contains("reused the server already running", StringComparison.Ordinal));
        }

        // The second one did not own the server: it is still the same one, still answering.
        Assert.Equal(pid, Shell.PostmasterPid(options.DataDirectory));
        Assert.Equal(1, await Sql.ScalarAsync<int>(owner.ConnectionString, "SELECT 1"));

        await owner.StopAsync();
        Assert.False(File.Exists(Shell.PostmasterPidFile(options.DataDirectory)));
    }

    [Fact]
    public async Task A_server_left_by_a_dead_process_is_adopted_and_a_stale_pid_file_is_left_to_PostgreSQL()
    {
        using var temp = new TempFolder("orphan");
        var options = new LocalPostgresOptions { DataDirectory = temp.Sub("cluster") };
        var postmasterPid = Shell.PostmasterPidFile(options.DataDirectory);
        var ownerFile = Path.Combine(options.DataDirectory, "owner.pid");

        // Run 1 "crashes": its server keeps running, and the owner stamp names a process that is gone.
        var crashed = await LocalPostgresCluster.StartAsync(options, new RecordingLogger(output));
        File.WriteAllText(ownerFile, "999999999 0 crashed");

        await using (var adopter = await LocalPostgresCluster.StartAsync(options, new RecordingLogger(output)))
        {
            Assert.Equal(crashed.Port, adopter.Port);
            await adopter.StopAsync();
            Assert.False(File.Exists(postmasterPid), "the adopted server is stopped by its new owner");
        }

        await crashed.DisposeAsync(); // nothing left to stop: no error

        // A postmaster.pid left by a crash names a process that is gone. The launcher does not delete it: PostgreSQL's own
        // interlock finds the pid dead and replaces the file (it would refuse to start while that process lived).
        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync();
        File.WriteAllLines(postmasterPid, [gone.Id.ToString(CultureInfo.InvariantCulture), Path.Combine(options.DataDirectory, "pgdata"),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "5432", "/tmp", "127.0.0.1", "0 0", "ready"]);
        await using (var restarted = await LocalPostgresCluster.StartAsync(options, new RecordingLogger(output)))
        {
            Assert.Equal(1, await Sql.ScalarAsync<int>(restarted.ConnectionString, "SELECT 1"));
            Assert.NotEqual(gone.Id, Shell.PostmasterPid(options.DataDirectory));
        }
    }

    [Fact]
    public async Task CreateDatabaseAsync_clones_a_template_even_with_pooled_connections_to_it()
    {
        using var temp = new TempFolder("template");
        await using var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = temp.Sub("cluster"), DatabaseName = "template_source", Throwaway = true },
            new RecordingLogger(output));

        // Leaves an idle pooled connection to the template, which would block CREATE DATABASE ... TEMPLATE.
        await Sql.ExecuteAsync(cluster.ConnectionString, "CREATE TABLE seeded (id int); INSERT INTO seeded VALUES (42)");

        await cluster.CreateDatabaseAsync("clone_one", template: "template_source");
        Assert.Equal(42, await Sql.ScalarAsync<int>(cluster.ConnectionStringFor("clone_one"), "SELECT id FROM seeded"));

        await cluster.CreateDatabaseAsync("empty_one");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.ConnectionStringFor("empty_one"), "SELECT count(*) FROM pg_tables WHERE tablename = 'seeded'"));

        await cluster.DropDatabaseAsync("clone_one");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.ConnectionStringFor("postgres"), "SELECT count(*) FROM pg_database WHERE datname = 'clone_one'"));
    }

    [Fact]
    public async Task Start_without_binaries_fails_with_one_message_naming_the_three_ways_out()
    {
        using var temp = new TempFolder("nobin");
        Directory.CreateDirectory(temp.Sub("bin")); // exists, but holds no initdb
        var options = new LocalPostgresOptions { DataDirectory = temp.Sub("cluster"), BinDirectory = temp.Sub("bin") };

        var error = await Assert.ThrowsAsync<PostgresBinariesNotFoundException>(() => LocalPostgresCluster.StartAsync(options, new RecordingLogger(output)));

        Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
        Assert.Contains("docker compose up -d postgres", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Facturix", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Sub("bin"), error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.DataDirectory), "nothing is created before the binaries are found");
    }

    [Fact]
    public void Locate_finds_nothing_with_an_empty_path_and_no_search_root() =>
        Assert.Null(PostgresBinaries.Locate("", "/nonexistent/facturix/postgresql"));

    [Fact]
    public void Locate_prefers_path_then_the_highest_version_under_the_search_root()
    {
        using var temp = new TempFolder("locate");
        foreach (var version in new[] { "9.6", "15", "16", "common" })
        {
            FakeBinaries(temp.Sub($"root/{version}/bin"));
        }

        Directory.CreateDirectory(temp.Sub("root/17/bin")); // newest, but empty: skipped
        File.WriteAllText(temp.Sub("root/17/bin/initdb"), "");
        Assert.Equal(temp.Sub("root/16/bin"), PostgresBinaries.Locate(null, temp.Sub("root")));

        FakeBinaries(temp.Sub("onpath"));
        Assert.Equal(temp.Sub("onpath"), PostgresBinaries.Locate($"/nonexistent:relative/bin:{temp.Sub("onpath")}", temp.Sub("root")));

        // Not executable: not a server binary.
        FakeBinaries(temp.Sub("noexec"), executable: false);
        Assert.Equal(temp.Sub("root/16/bin"), PostgresBinaries.Locate(temp.Sub("noexec"), temp.Sub("root")));
    }

    [Fact]
    public void Locate_finds_this_machine_s_installed_server() =>
        Assert.NotNull(PostgresBinaries.Locate(Environment.GetEnvironmentVariable("PATH")));

    [Fact]
    public void Default_data_folder_is_reachable_by_postgres_as_root_and_per_user_otherwise()
    {
        Assert.Equal("/var/lib/facturix/postgres", LocalPostgresOptions.DefaultDataDirectory(isRoot: true, "/root/.local/share", "/root"));
        Assert.Equal("/home/ann/.xdg/facturix/postgres", LocalPostgresOptions.DefaultDataDirectory(isRoot: false, "/home/ann/.xdg", "/home/ann"));
        Assert.Equal("/home/ann/.local/share/facturix/postgres", LocalPostgresOptions.DefaultDataDirectory(isRoot: false, null, "/home/ann"));
        Assert.Equal("/home/ann/.local/share/facturix/postgres", LocalPostgresOptions.DefaultDataDirectory(isRoot: false, "relative", "/home/ann"));
        Assert.StartsWith("/tmp/facturix-pg-", LocalPostgresOptions.NewThrowawayDirectory(), StringComparison.Ordinal);
    }

    private static void FakeBinaries(string folder, bool executable = true)
    {
        Directory.CreateDirectory(folder);
        foreach (var program in PostgresBinaries.RequiredPrograms)
        {
            var path = Path.Combine(folder, program);
            File.WriteAllText(path, "#!/bin/sh\n");
            File.SetUnixFileMode(path, executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        }
    }
}
