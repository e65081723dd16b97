using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// The server process of a cluster, driven through <c>pg_ctl</c>: reuses (or adopts) a server already running
/// on the folder, otherwise starts one on a free loopback port; and stops it.
/// </summary>
internal static class PostgresServer
{
    /// <summary>The only address the server listens on: the cluster is the app's alone.</summary>
    public const string LoopbackAddress = "127.0.0.1";

    /// <summary>How long <c>pg_ctl -w</c> waits for the server to start or stop.</summary>
    public const int PgCtlWaitSeconds = 60;

    private static readonly TimeSpan PgCtlTimeout = TimeSpan.FromSeconds(PgCtlWaitSeconds + 30);
    private static readonly string[] UsableListenAddresses = [LoopbackAddress, "*", "localhost", "0.0.0.0"];
    private static readonly string[] PortInUseMarkers = ["could not bind", "Address already in use", "could not create any TCP/IP sockets"];

    /// <summary>Reuses the server already running on the folder, or starts one; returns its port and whether we own it.</summary>
    [UnsupportedOSPlatform("windows")]
    public static async Task<(int Port, bool OwnsServer, bool Reused)> EnsureRunningAsync(ClusterContext context, CancellationToken ct)
    {
        var paths = context.Paths;
        var running = await PostmasterPidFile.WaitForSettledServerAsync(context, ct).ConfigureAwait(false);
        if (running is not null)
        {
            var ownerAlive = UnixSystem.IsStampAlive(OwnerFile.Read(paths));
            var usable = UsableListenAddresses.Contains(running.ListenAddress, StringComparer.Ordinal);
            if (usable)
            {
                if (!ownerAlive)
                {
                    await OwnerFile.WriteAsync(paths, context.OwnerStamp, ct).ConfigureAwait(false);
                }

                LocalPostgresLog.ReusingRunning(
                    context.Logger,
                    running.Pid,
                    running.Port,
                    paths.PgData,
                    ownerAlive ? "another live process started it and will stop it" : "adopted: it will be stopped with this app");
                return (running.Port, !ownerAlive, true);
            }

            if (ownerAlive)
            {
                throw new InvalidOperationException(
                    $"A PostgreSQL server (pid {running.Pid}) started by another running process already uses {paths.PgData}, " +
                    $"but it does not listen on {LoopbackAddress} (listen address '{running.ListenAddress}'). Stop that process, or use another data folder.");
            }

            LocalPostgresLog.RestartingOrphan(context.Logger, running.Pid, paths.PgData, LoopbackAddress);
            var stopped = await StopAsync(context, "fast", ct).ConfigureAwait(false);
            if (!stopped.Succeeded)
            {
                throw new InvalidOperationException($"Could not stop the orphan PostgreSQL server on {paths.PgData}: {stopped.Describe()}");
            }
        }

        // Stamped before the start, so that a failed start is cleaned up by the one who tried it.
        await OwnerFile.WriteAsync(paths, context.OwnerStamp, ct).ConfigureAwait(false);
        var port = await StartAsync(context, ct).ConfigureAwait(false);
        return (port, true, false);
    }

    /// <summary><c>pg_ctl stop -m <paramref name="mode"/></c>, waiting for the server to be gone.</summary>
    public static Task<CommandResult> StopAsync(ClusterContext context, string mode, CancellationToken ct) =>
        ExternalCommand.RunAsync(
            context.Program("pg_ctl"),
            ["stop", "-D", context.Paths.PgData, "-m", mode, "-w", "-t", PgCtlWaitSeconds.ToString(CultureInfo.InvariantCulture)],
            PgCtlTimeout,
            ct,
            context.RunAs);

    /// <summary><see cref="StopAsync"/> on a path that is already failing: a failure is logged, not thrown.</summary>
    public static async Task TryStopAsync(ClusterContext context, string mode)
    {
        try
        {
            await StopAsync(context, mode, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort on a path that is already failing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LocalPostgresLog.StopAttemptFailed(context.Logger, e, mode, context.Paths.PgData);
        }
    }

    /// <summary>
    /// <c>pg_ctl start</c> on a free loopback port. The port is picked before the server binds it, so another
    /// program may take it meanwhile: then (seen in the server log) it tries again with another port, up to three times.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<int> StartAsync(ClusterContext context, CancellationToken ct)
    {
        var paths = context.Paths;
        ClusterFolders.Create(paths.SocketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (context.RunAs is not null)
        {
            await ClusterFolders.ChownToPostgresAsync(paths.SocketDirectory, ct).ConfigureAwait(false);
        }

        await ClusterFolders.EnsurePrivateAsync(paths.SocketDirectory, context.RunAs ?? Environment.UserName, ct).ConfigureAwait(false);

        ServerLog.Rotate(paths.LogFile);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var logOffset = File.Exists(paths.LogFile) ? new FileInfo(paths.LogFile).Length : 0;

            // pg_ctl passes -o through /bin/sh: every value here is a number or a checked path without shell characters.
            var serverOptions = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"-p {port} -c listen_addresses={LoopbackAddress} -c unix_socket_directories={paths.SocketDirectory}");
            if (context.Options.Throwaway)
            {
                serverOptions.Append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
                // Test classes run in parallel on one cluster, each with its own pools, and the queue test opens 50
                // connections at once: the default 100 was once exhausted ("53300: too many clients already").
                serverOptions.Append(" -c max_connections=300");
            }

            string[] arguments =
            [
                "start", "-D", paths.PgData, "-l", paths.LogFile, "-w", "-t", PgCtlWaitSeconds.ToString(CultureInfo.InvariantCulture),
                "-o", serverOptions.ToString(),
            ];

            CommandResult result;
            try
            {
                result = await ExternalCommand.RunAsync(context.Program("pg_ctl"), arguments, PgCtlTimeout, ct, context.RunAs).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new InvalidOperationException($"{e.Message}\nServer log ({paths.LogFile}):\n{ServerLog.ReadTail(paths.LogFile, logOffset)}", e);
            }

            if (result.Succeeded)
            {
                LocalPostgresLog.Started(context.Logger, paths.PgData, port);
                return port;
            }

            var logTail = ServerLog.ReadTail(paths.LogFile, logOffset);
            if (attempt < 3 && PortInUseMarkers.Any(marker => logTail.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            {
                LocalPostgresLog.PortTaken(context.Logger, port);
                continue;
            }

            throw new InvalidOperationException(
                $"PostgreSQL did not start on {paths.PgData} (port {port}): {result.Describe()}\nServer log ({paths.LogFile}):\n{logTail}");
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
