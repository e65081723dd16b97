using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace Facturix.Tests.Database.LocalPostgres;

/// <summary>A folder under /tmp, unique per test, mode 755 (reachable by the postgres user), deleted on dispose.</summary>
[SupportedOSPlatform("linux")]
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string name)
    {
        Path = System.IO.Path.Combine("/tmp", $"facturix-lpg-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

/// <summary>Logs to the test output and keeps every message, so a test can tell what the launcher did.</summary>
[SupportedOSPlatform("linux")]
internal sealed class RecordingLogger(ITestOutputHelper? output) : ILogger
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        Messages.Enqueue(message);
        try
        {
            output?.WriteLine($"[{logLevel}] {message}{(exception is null ? "" : " " + exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished.
        }
    }
}

[SupportedOSPlatform("linux")]
internal static class Shell
{
    /// <summary>Runs a program (no shell) and returns its trimmed stdout; fails the test on a non-zero exit.</summary>
    public static string Run(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), $"{program} timed out");
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {stderr.Result}");
        return stdout.Result.Trim();
    }

    /// <summary>The owner's user name of a file or folder.</summary>
    public static string Owner(string path) => Run("stat", "-c", "%U", path);

    /// <summary>The real uid of a live process, from /proc.</summary>
    public static int ProcessUid(int pid) =>
        int.Parse(File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>The uid of <paramref name="user"/>, or of the user running this process when null.</summary>
    public static int Uid(string? user = null) =>
        int.Parse(user is null ? Run("id", "-u") : Run("id", "-u", user), CultureInfo.InvariantCulture);

    /// <summary>The cluster's postmaster.pid: there while its server runs.</summary>
    public static string PostmasterPidFile(string dataDirectory) =>
        System.IO.Path.Combine(dataDirectory, "pgdata", "postmaster.pid");

    /// <summary>The postmaster's pid from the cluster's postmaster.pid.</summary>
    public static int PostmasterPid(string dataDirectory) =>
        int.Parse(File.ReadLines(PostmasterPidFile(dataDirectory)).First(), CultureInfo.InvariantCulture);

    /// <summary>The uid the cluster's server runs as: who PostgreSQL really runs as, not who started it.</summary>
    public static int ServerUid(string dataDirectory) => ProcessUid(PostmasterPid(dataDirectory));
}

/// <summary>Runs one statement on a connection of its own: how the tests check what a cluster holds.</summary>
internal static class Sql
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
