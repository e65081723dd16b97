using System.Globalization;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>A server <c>postmaster.pid</c> names: its pid, port, listen address, start time and status.</summary>
internal sealed record RunningServer(int Pid, int Port, string ListenAddress, DateTime? StartedUtc, string Status);

/// <summary>
/// Reads <c>postmaster.pid</c> to tell whether a server already runs on the folder: the file alone proves
/// nothing (a crash leaves it behind, pids get reused), so its pid is checked against the live processes.
/// </summary>
internal static class PostmasterPidFile
{
    /// <summary>
    /// The live server of the folder once it is ready (waiting while it starts up or shuts down), or null
    /// when none runs. A <c>postmaster.pid</c> that looks stale (dead pid, or a pid now used by another program) is
    /// never deleted here: PostgreSQL's own interlock decides at start (it removes a truly stale one, and refuses to
    /// start while the named process lives). Deleting it ourselves could let two servers write the same folder.
    /// </summary>
    public static async Task<RunningServer?> WaitForSettledServerAsync(ClusterContext context, CancellationToken ct)
    {
        var paths = context.Paths;
        var deadline = DateTime.UtcNow.AddSeconds(PostgresServer.PgCtlWaitSeconds);
        var garbledDeadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var server = Read(paths.PostmasterPid);
            if (server is null)
            {
                return null;
            }

            if (server.Pid == 0)
            {
                // Empty or half-written: a server is starting, or a crash left it so. Give it a moment.
                if (DateTime.UtcNow > garbledDeadline)
                {
                    LocalPostgresLog.LeavingUnreadablePidFile(context.Logger, paths.PostmasterPid, "unreadable");
                    return null;
                }

                await Task.Delay(100, ct).ConfigureAwait(false);
                continue;
            }

            if (!UnixSystem.IsPostgresOf(server.Pid, paths.PgData, server.StartedUtc))
            {
                LocalPostgresLog.LeavingStalePidFile(context.Logger, server.Pid, paths.PostmasterPid);
                return null;
            }

            if (server.Status == "ready")
            {
                return server;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL server (pid {server.Pid}) on {paths.PgData} stayed in state '{server.Status}' for {PostgresServer.PgCtlWaitSeconds} s. Server log:\n{ServerLog.ReadTail(paths.LogFile, 0)}");
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    private static RunningServer? Read(string file)
    {
        string[] lines;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            lines = reader.ReadToEnd().Split('\n');
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        // Lines: pid, data dir, start time (epoch s), port, socket dir, listen address, shmem key, status.
        static string Line(string[] all, int index) => index < all.Length ? all[index].Trim() : "";
        if (!int.TryParse(Line(lines, 0), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            // Being written: treat as "starting" so that the caller waits.
            return new RunningServer(0, 0, "", null, "starting");
        }

        _ = int.TryParse(Line(lines, 3), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port);
        DateTime? started = long.TryParse(Line(lines, 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime
            : null;
        var status = Line(lines, 7);
        return new RunningServer(pid, port, Line(lines, 5), started, status.Length == 0 ? "starting" : status);
    }
}
