using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// Removes throwaway clusters whose owning process is gone. A test host is sometimes ended before its
/// exit handler finishes deleting its cluster (or killed outright); without this sweep every such run
/// would leave tens to hundreds of megabytes, and sometimes a running server, in /tmp.
/// </summary>
public static class AbandonedThrowawayClusters
{
    /// <summary>How long a cluster folder may exist without an owner stamp before a sweep counts it as abandoned.</summary>
    public static readonly TimeSpan UnstampedGrace = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Deletes every <c>/tmp/{prefix}-*</c> cluster folder whose owner stamp names no live process,
    /// stopping its server first if one is still running. Folders of live owners are left alone.
    /// Returns how many folders were removed.
    /// </summary>
    public static int Sweep(string prefix, ILogger logger)
    {
        var root = OperatingSystem.IsWindows() ? Path.GetTempPath() : "/tmp";
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(root, $"{prefix}-*"))
        {
            var paths = new ClusterPaths(folder);
            if (!File.Exists(paths.PasswordFile) && !Directory.Exists(paths.PgData))
                continue; // not a cluster folder
            var owner = OwnerFile.Read(paths);
            if (owner.Length > 0 && UnixSystem.IsStampAlive(owner))
                continue;
            // No stamp yet: another run may be creating this cluster right now (its initdb runs before the stamp is
            // written); deleting it then made that run's initdb fail. Only a stamp-less folder left this long is abandoned.
            if (owner.Length == 0 && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) < UnstampedGrace)
                continue;
            StopOrphanServer(paths);
            ClusterFolders.TryDelete(folder, logger);
            if (!Directory.Exists(folder))
                removed++;
        }
        return removed;
    }

    private static void StopOrphanServer(ClusterPaths paths)
    {
        if (!File.Exists(paths.PostmasterPid))
            return;
        var firstLine = File.ReadLines(paths.PostmasterPid).FirstOrDefault();
        if (!int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            || !UnixSystem.IsPostgresOf(pid, paths.PgData, expectedStartUtc: null))
            return;
        try
        {
            using var postmaster = Process.GetProcessById(pid);
            // SIGQUIT is PostgreSQL's "immediate shutdown": right for a throwaway cluster nobody owns.
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-QUIT", pid.ToString(CultureInfo.InvariantCulture) } }))
                kill?.WaitForExit(5_000);
            if (!postmaster.WaitForExit(10_000))
                postmaster.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
