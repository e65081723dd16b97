using System.Diagnostics;
using System.Text;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>What an external program answered.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>For error messages: the command, its exit code, and what it printed.</summary>
    public string Describe() =>
        $"`{CommandLine}` exited with code {ExitCode}." +
        (string.IsNullOrWhiteSpace(StandardError) ? "" : $" stderr: {StandardError.Trim()}") +
        (string.IsNullOrWhiteSpace(StandardOutput) ? "" : $" stdout: {StandardOutput.Trim()}");
}

/// <summary>
/// Runs a program with an argument list (no shell), a timeout, stdin closed, and, when asked, as another
/// user through <c>runuser -u USER -- program args</c> (which needs root).
/// </summary>
internal static class ExternalCommand
{
    private static readonly string[] RunuserCandidates = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];

    /// <summary>The <c>runuser</c> program (util-linux), or null when this system has none.</summary>
    public static string? RunuserPath { get; } = RunuserCandidates.FirstOrDefault(File.Exists);

    public static async Task<CommandResult> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken ct,
        string? runAsUser = null)
    {
        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The current folder may be unreachable for the other user (e.g. /root): start from "/".
            WorkingDirectory = "/",
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };

        if (runAsUser is null)
        {
            startInfo.FileName = program;
        }
        else
        {
            startInfo.FileName = RunuserPath ?? throw new InvalidOperationException(
                $"Running `{program}` as the '{runAsUser}' user needs `runuser` (util-linux), which was not found in {string.Join(", ", RunuserCandidates)}.");
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(runAsUser);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Inherited PG* variables (PGDATA, PGPORT, PGHOST, ...) must not steer the programs; messages in English
        // so that the errors we quote and match are stable.
        foreach (var name in startInfo.Environment.Keys.Where(key => key.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment.Remove("LANGUAGE");

        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(startInfo.FileName).Select(Quote));

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run `{commandLine}`: {e.Message}", e);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            var partialError = await ReadRest(stderr).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"`{commandLine}` did not finish within {timeout.TotalSeconds:0} s and was killed." +
                (string.IsNullOrWhiteSpace(partialError) ? "" : $" stderr: {partialError.Trim()}"));
        }

        return new CommandResult(commandLine, process.ExitCode, await ReadRest(stdout).ConfigureAwait(false), await ReadRest(stderr).ConfigureAwait(false));
    }

    /// <summary>Shell-style quoting, for messages only (nothing here goes through a shell).</summary>
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:,+@%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<string> ReadRest(Task<string> output)
    {
        // A daemon that kept our pipe open would block the read forever; its exit is what we wait for.
        try
        {
            return await output.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return "(output still held open by a child process)";
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
