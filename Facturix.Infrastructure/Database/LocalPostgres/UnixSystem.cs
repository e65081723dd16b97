using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>The few operating-system facts the launcher needs: who we are, and whether a process lives.</summary>
internal static class UnixSystem
{
    /// <summary>The system user PostgreSQL runs as when this process is root.</summary>
    public const string PostgresUser = "postgres";

    private static readonly Lazy<bool> RootCheck = new(DetectRoot);

    /// <summary>True when the effective user is root (uid 0), read with <c>geteuid()</c>.</summary>
    public static bool IsRoot => RootCheck.Value;

    private static bool DetectRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return NativeMethods.geteuid() == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Environment.UserName == "root";
        }
    }

    /// <summary>
    /// The live process <paramref name="pid"/> if it exists, is named <paramref name="expectedName"/> (when
    /// given) and started within two seconds of <paramref name="expectedStartUtc"/> (when given): a pid
    /// alone is not proof, pids are reused (quickly, in containers).
    /// </summary>
    public static bool IsProcessAlive(int pid, string? expectedName = null, DateTime? expectedStartUtc = null)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            if (expectedName is not null && !string.Equals(process.ProcessName, expectedName, StringComparison.Ordinal))
            {
                return false;
            }

            if (expectedStartUtc is { } start)
            {
                var started = process.StartTime.ToUniversalTime();
                return Math.Abs((started - start).TotalSeconds) <= 2;
            }

            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>This process, as written to <c>owner.pid</c>: "pid start-time-unix-seconds".</summary>
    public static string CurrentProcessStamp()
    {
        using var self = Process.GetCurrentProcess();
        var started = new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {started}");
    }

    /// <summary>True when a stamp starting with <see cref="CurrentProcessStamp"/> names a live process.</summary>
    public static bool IsStampAlive(string stamp)
    {
        var parts = stamp.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var started))
        {
            return false;
        }

        return IsProcessAlive(pid, expectedName: null, DateTimeOffset.FromUnixTimeSeconds(started).UtcDateTime);
    }

    /// <summary>
    /// True when <paramref name="pid"/> is a live <c>postgres</c> process working in <paramref name="dataDirectory"/>
    /// (the postmaster and its children change to their data folder; read from <c>/proc/PID/cwd</c>). A pid
    /// taken over by another cluster's process, or by any other program, is not.
    /// </summary>
    public static bool IsPostgresOf(int pid, string dataDirectory, DateTime? expectedStartUtc)
    {
        if (!IsProcessAlive(pid, "postgres"))
        {
            return false;
        }

        var cwdLink = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cwd";
        if (!Directory.Exists("/proc/self"))
        {
            // No procfs (not Linux): fall back on the start time the postmaster wrote in postmaster.pid.
            return IsProcessAlive(pid, "postgres", expectedStartUtc);
        }

        try
        {
            var cwd = Directory.ResolveLinkTarget(cwdLink, returnFinalTarget: false)?.FullName;
            return cwd is not null && SamePath(cwd, RealPath(dataDirectory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not readable: another user's process. Ours (or the postgres user's, when we are root) would be.
            return false;
        }
    }

    /// <summary>The path with every symbolic link along it resolved (as the kernel reports a cwd).</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            try
            {
                var target = Directory.ResolveLinkTarget(current, returnFinalTarget: true);
                if (target is not null)
                {
                    current = target.FullName;
                }
            }
            catch (IOException)
            {
                // Missing part: keep the path as written.
            }
        }

        return current;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks; a parameterless blittable call needs no marshalling.
        [DllImport("libc", EntryPoint = "geteuid", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern uint geteuid();
#pragma warning restore SYSLIB1054
    }
}
