using System.Diagnostics;
using System.Runtime.Versioning;
using Facturix.Infrastructure.Database.LocalPostgres;
using Xunit.Abstractions;

namespace Facturix.Tests.Database.LocalPostgres;

/// <summary>
/// The launcher as a regular user (no runuser, no chown), run for real: the test process is root here, so it
/// runs this very test assembly again as the postgres system user (`runuser -u postgres -- dotnet test ...`),
/// filtered to <see cref="LocalPostgresNonRootInnerTests"/>, which does the work and leaves a result file.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LocalPostgresNonRootTests(ITestOutputHelper output)
{
    [Fact]
    public async Task As_a_regular_user_the_launcher_creates_starts_and_reuses_its_own_cluster()
    {
        if (!UnixSystem.IsRoot)
        {
            return; // Not root: the plain tests already run the launcher as a regular user.
        }

        using var temp = new TempFolder("nonroot");
        Shell.Run("chown", "postgres:", temp.Path);
        var home = temp.Sub("home");
        var testAssembly = ReachableByPostgres(typeof(LocalPostgresNonRootInnerTests).Assembly.Location, temp);

        var startInfo = new ProcessStartInfo("runuser")
        {
            WorkingDirectory = temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "-u", "postgres", "--",
            "env", "-u", "XDG_DATA_HOME", $"HOME={home}", $"DOTNET_CLI_HOME={home}",
            $"{LocalPostgresNonRootInnerTests.EnabledVariable}=1", $"{LocalPostgresNonRootInnerTests.FolderVariable}={temp.Path}",
            "DOTNET_NOLOGO=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1",
            "dotnet", "test", testAssembly,
            "--filter", $"FullyQualifiedName~{nameof(LocalPostgresNonRootInnerTests)}",
            "--results-directory", temp.Sub("results"),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);

        Assert.True(process.ExitCode == 0, $"the inner run failed (exit {process.ExitCode}):\n{await stdout}\n{await stderr}");
        var resultFile = Path.Combine(temp.Path, LocalPostgresNonRootInnerTests.ResultFileName);
        Assert.True(File.Exists(resultFile), $"the inner test did not run (no {resultFile}):\n{await stdout}");
        Assert.Equal($"ok uid={Shell.Uid("postgres")}", File.ReadAllText(resultFile).Trim());
    }

    /// <summary>
    /// The test assembly's path if the postgres user can read it; otherwise (a checkout under /root, say) a copy
    /// of the output folder in <paramref name="temp"/>, without the Playwright driver, which the inner run does not need.
    /// </summary>
    private static string ReachableByPostgres(string assembly, TempFolder temp)
    {
        using var check = Process.Start(new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", "test", "-r", assembly } })!;
        check.WaitForExit();
        if (check.ExitCode == 0)
        {
            return assembly;
        }

        var source = Path.GetDirectoryName(assembly)!;
        var copy = temp.Sub("bin");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith(".playwright", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(copy, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Shell.Run("chmod", "-R", "a+rX", copy);
        return Path.Combine(copy, Path.GetFileName(assembly));
    }
}

/// <summary>
/// The inner half of <see cref="LocalPostgresNonRootTests"/>: does nothing unless <see cref="EnabledVariable"/> is 1,
/// which only that test sets when it runs this assembly as the postgres user.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LocalPostgresNonRootInnerTests(ITestOutputHelper output)
{
    public const string EnabledVariable = "FACTURIX_NONROOT_INNER";
    public const string FolderVariable = "FACTURIX_NONROOT_DIR";
    public const string ResultFileName = "inner-result.txt";

    [Fact]
    public async Task Inner_run_as_a_regular_user()
    {
        if (Environment.GetEnvironmentVariable(EnabledVariable) != "1")
        {
            return; // Only meaningful inside LocalPostgresNonRootTests' child process.
        }

        var folder = Environment.GetEnvironmentVariable(FolderVariable) ?? throw new InvalidOperationException($"{FolderVariable} is not set");
        Assert.False(UnixSystem.IsRoot);
        var uid = Shell.Uid();

        // The per-user default follows XDG: ~/.local/share/facturix/postgres.
        Assert.Equal(Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".local", "share", "facturix", "postgres"), LocalPostgresOptions.DefaultDataDirectory());

        var options = new LocalPostgresOptions { DataDirectory = Path.Combine(folder, "cluster") };
        var firstLogger = new RecordingLogger(output);
        await using (var first = await LocalPostgresCluster.StartAsync(options, firstLogger))
        {
            Assert.Equal(uid, Shell.ServerUid(options.DataDirectory));
            await Sql.ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
        }

        Assert.Contains(firstLogger.Messages, message => message.Contains("initdb", StringComparison.Ordinal));

        var secondLogger = new RecordingLogger(output);
        await using (var second = await LocalPostgresCluster.StartAsync(options, secondLogger))
        {
            Assert.Equal(7, await Sql.ScalarAsync<int>(second.ConnectionString, "SELECT id FROM kept"));
        }

        Assert.DoesNotContain(secondLogger.Messages, message => message.Contains("initdb", StringComparison.Ordinal));
        Assert.False(File.Exists(Shell.PostmasterPidFile(options.DataDirectory)), "stopped on dispose");

        await File.WriteAllTextAsync(Path.Combine(folder, ResultFileName), $"ok uid={uid}");
    }
}
