using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster this process starts (or reuses) on its own: found binaries, a data folder of its
/// own, loopback only (127.0.0.1) on a port picked at run time, a generated superuser password.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>First start: <c>initdb</c> (UTF8, locale C, <c>--auth-local=peer --auth-host=scram-sha-256</c>, the password
/// from a 0600 file), then <c>pg_ctl start</c>. Later starts on the same folder reuse the cluster (no initdb).</item>
/// <item>If a server for the folder is already running (its <c>postmaster.pid</c> names a live postgres working in
/// it), it is reused. It is stopped on <see cref="StopAsync"/> only when no other live process started it
/// (a server left by a crashed run is adopted; one started by another running app instance is left alone).</item>
/// <item>As root, <c>initdb</c> and <c>pg_ctl</c> run as the <c>postgres</c> system user
/// (<c>runuser -u postgres --</c>), which owns the folder; PostgreSQL refuses to run as root.</item>
/// <item>Requires PostgreSQL 14 or later (SCRAM is the default password encryption from 14 on).</item>
/// </list>
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    /// <summary>The superuser created by initdb; the app connects as it (the cluster is the app's alone).</summary>
    public const string Superuser = "postgres";

    private const string LoopbackAddress = "127.0.0.1";
    private const int PgCtlWaitSeconds = 60;
    private const long LogRotateBytes = 10 * 1024 * 1024;
    private const int MaxUnixSocketPathLength = 107;

    private static readonly TimeSpan InitdbTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PgCtlTimeout = TimeSpan.FromSeconds(PgCtlWaitSeconds + 30);
    private static readonly TimeSpan ShortCommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] UsableListenAddresses = [LoopbackAddress, "*", "localhost", "0.0.0.0"];
    private static readonly string[] PortInUseMarkers = ["could not bind", "Address already in use", "could not create any TCP/IP sockets"];

    private readonly LocalPostgresOptions _options;
    private readonly ClusterPaths _paths;
    private readonly StartContext _startContext;
    private readonly string _password;
    private readonly bool _ownsServer;
    private readonly ConcurrentDictionary<string, byte> _handedOutConnectionStrings = new(StringComparer.Ordinal);
    private readonly Lock _stopGate = new();
    private ILogger _logger;
    private Task? _stopTask;
    private int _disposed;

    private LocalPostgresCluster(StartContext startContext, string password, int port, bool ownsServer)
    {
        _startContext = startContext;
        _options = startContext.Options;
        _paths = startContext.Paths;
        _logger = startContext.Logger;
        _password = password;
        _ownsServer = ownsServer;
        Port = port;
        ConnectionString = ConnectionStringFor(_options.DatabaseName);
    }

    /// <summary>The TCP port the server listens on (on 127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Connection string to <see cref="LocalPostgresOptions.DatabaseName"/>, as the superuser, over 127.0.0.1.</summary>
    public string ConnectionString { get; }

    /// <summary>The folder the cluster lives in (<see cref="LocalPostgresOptions.DataDirectory"/>, made absolute).</summary>
    public string DataDirectory => _paths.Root;

    /// <summary>The server log file (<c>postgres.log</c> in <see cref="DataDirectory"/>).</summary>
    public string LogFile => _paths.LogFile;

    /// <summary>Connection string to another database on the same server.</summary>
    public string ConnectionStringFor(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        var connectionString = BuildConnectionString(Port, _password, database, pooling: true);
        _handedOutConnectionStrings.TryAdd(connectionString, 0);
        return connectionString;
    }

    /// <summary>
    /// Starts the cluster described by <paramref name="options"/> (creating it on first use), creates
    /// <see cref="LocalPostgresOptions.DatabaseName"/> if missing, and returns once it accepts connections.
    /// </summary>
    /// <exception cref="PostgresBinariesNotFoundException">No initdb/pg_ctl/postgres to run.</exception>
    /// <exception cref="InvalidOperationException">The cluster could not be prepared or started; the message says why
    /// (with the server log's tail when the server failed).</exception>
    public static async Task<LocalPostgresCluster> StartAsync(LocalPostgresOptions options, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabaseName);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The local PostgreSQL launcher runs on Linux (and Unix-like systems) only; set ConnectionStrings__Facturix instead.");
        }

        var paths = new ClusterPaths(Path.GetFullPath(options.DataDirectory));
        var binDirectory = ResolveBinaries(options.BinDirectory);
        var runAs = UnixSystem.IsRoot ? UnixSystem.PostgresUser : null;
        var context = new StartContext(options, paths, binDirectory, runAs, logger, NewOwnerStamp());
        try
        {
            await PrepareFolderAsync(context, ct).ConfigureAwait(false);
            var (password, createdCluster) = await EnsureClusterAsync(context, ct).ConfigureAwait(false);
            var (port, ownsServer, reusedRunning) = await EnsureServerRunningAsync(context, ct).ConfigureAwait(false);

            var cluster = new LocalPostgresCluster(context, password, port, ownsServer);
            try
            {
                await cluster.EnsureDatabaseAsync(options.DatabaseName, ct).ConfigureAwait(false);
            }
            catch
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            LocalPostgresLog.Ready(
                logger,
                port,
                options.DatabaseName,
                paths.Root,
                reusedRunning ? "reused the server already running" : createdCluster ? "new cluster" : "existing cluster");
            return cluster;
        }
        catch
        {
            // A failed start gives up its claim on the server; a throwaway cluster leaves nothing behind
            // (unless another live process uses that folder).
            var owner = ReadOwnerStamp(paths);
            if (owner == context.OwnerStamp)
            {
                if (options.Throwaway)
                {
                    await TryRunPgCtlStopAsync(context, "immediate").ConfigureAwait(false);
                }

                TryDeleteOwnerFile(paths, context.OwnerStamp);
            }

            if (options.Throwaway && (owner == context.OwnerStamp || !UnixSystem.IsStampAlive(owner)))
            {
                TryDeleteFolder(paths.Root, logger);
            }

            throw;
        }
    }

    /// <summary>
    /// <c>CREATE DATABASE name [TEMPLATE template]</c>: with a template, a fast copy (e.g. one migrated
    /// database cloned per test class). Idle pooled connections to the template are cleared first, since
    /// PostgreSQL refuses to copy a database someone is connected to (only pools of connection strings from
    /// <see cref="ConnectionStringFor"/> can be cleared here; other connections to the template must be closed by
    /// their owner, or this fails after about 5 s). Fails if <paramref name="name"/> exists.
    /// </summary>
    public async Task CreateDatabaseAsync(string name, string? template = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var sql = $"CREATE DATABASE {QuoteIdentifier(name)}" + (template is null ? "" : $" TEMPLATE {QuoteIdentifier(template)}");
        for (var attempt = 1; ; attempt++)
        {
            if (template is not null)
            {
                ClearPool(template);
            }

            try
            {
                await ExecuteAdminAsync(sql, ct).ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                // "source database is being accessed by other users": a connection is closing; try again shortly.
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary><c>DROP DATABASE IF EXISTS name WITH (FORCE)</c>: ends its sessions, then drops it.</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ClearPool(name);
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m fast</c>) if this instance owns it; idempotent (calls share one
    /// stop; only a failed or cancelled stop is tried again). A server another live app instance started is
    /// left running. Pooled connections handed out by this instance are cleared first.
    /// </summary>
    public Task StopAsync(CancellationToken ct = default)
    {
        lock (_stopGate)
        {
            if (_stopTask is null || (_stopTask.IsCompleted && !_stopTask.IsCompletedSuccessfully))
            {
                _stopTask = StopCoreAsync(ct);
            }

            return _stopTask;
        }
    }

    /// <summary>Stops the server (see <see cref="StopAsync"/>); for a throwaway cluster, then deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await StopAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Dispose must not throw: the failure is logged, and a throwaway server is killed below.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LocalPostgresLog.StopFailed(_logger, e, _paths.Root);
            if (_options.Throwaway && _ownsServer)
            {
                await TryRunPgCtlStopAsync(Context, "immediate").ConfigureAwait(false);
            }
        }

        if (_options.Throwaway && _ownsServer)
        {
            TryDeleteFolder(_paths.Root, _logger);
            if (!_paths.SocketDirectory.StartsWith(_paths.Root, StringComparison.Ordinal))
            {
                TryDeleteFolder(_paths.SocketDirectory, _logger);
            }
        }
    }

    /// <summary>Switches logging to the app's logger once the host is built (the start used a bootstrap logger).</summary>
    internal void UseLogger(ILogger appLogger) => _logger = appLogger;

    private StartContext Context => _startContext with { Logger = _logger };

    private async Task StopCoreAsync(CancellationToken ct)
    {
        foreach (var connectionString in _handedOutConnectionStrings.Keys)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        if (!_ownsServer)
        {
            LocalPostgresLog.LeftRunning(_logger, _paths.Root);
            return;
        }

        var result = await RunPgCtlStopAsync(Context, "fast", ct).ConfigureAwait(false);
        if (!result.Succeeded && File.Exists(_paths.PostmasterPid))
        {
            throw new InvalidOperationException($"Could not stop the local PostgreSQL server in {_paths.Root}: {result.Describe()}");
        }

        TryDeleteOwnerFile(_paths, _startContext.OwnerStamp);
        LocalPostgresLog.Stopped(_logger, _paths.Root);
    }

    private async Task EnsureDatabaseAsync(string name, CancellationToken ct)
    {
        var adminConnectionString = BuildConnectionString(Port, _password, "postgres", pooling: false);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            LocalPostgresLog.CreatedDatabase(_logger, name);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it meanwhile: fine.
        }
    }

    private async Task ExecuteAdminAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(BuildConnectionString(Port, _password, "postgres", pooling: false));
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private void ClearPool(string database)
    {
        using var connection = new NpgsqlConnection(BuildConnectionString(Port, _password, database, pooling: true));
        NpgsqlConnection.ClearPool(connection);
    }

    private static string BuildConnectionString(int port, string password, string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = LoopbackAddress,
            Port = port,
            Username = Superuser,
            Password = password,
            Database = database,
            Pooling = pooling,
        }.ConnectionString;

    private static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // ---- Start, step by step -------------------------------------------------------------------------

    private static string ResolveBinaries(string? binDirectory)
    {
        if (binDirectory is not null)
        {
            var full = Path.GetFullPath(binDirectory);
            return PostgresBinaries.HasAll(full)
                ? full
                : throw new PostgresBinariesNotFoundException($"in the configured folder {full}");
        }

        return PostgresBinaries.Locate(Environment.GetEnvironmentVariable("PATH"))
            ?? throw new PostgresBinariesNotFoundException("on PATH or under /usr/lib/postgresql/*/bin");
    }

    /// <summary>Creates the folder (parents world-traversable, itself 0700) and, as root, gives it to postgres.</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task PrepareFolderAsync(StartContext context, CancellationToken ct)
    {
        var root = context.Paths.Root;
        if (root.IndexOfAny(['"', '$', '`', '\\', '\n', '\r']) >= 0)
        {
            // pg_ctl hands the data and log paths to /bin/sh inside double quotes.
            throw new InvalidOperationException($"The PostgreSQL data folder path must not contain \", $, `, \\ or line breaks: {root}");
        }

        try
        {
            CreateFolder(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Could not create the PostgreSQL data folder {root}: {e.Message} Choose a folder this user can write to with the setting Facturix:DataDir.", e);
        }

        if (context.RunAs is null)
        {
            return;
        }

        await ChownAsync(root, ct).ConfigureAwait(false);
        var access = await ExternalCommand.RunAsync("test", ["-w", root, "-a", "-x", root], ShortCommandTimeout, ct, context.RunAs).ConfigureAwait(false);
        if (!access.Succeeded)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL data folder {root} is not reachable by the '{context.RunAs}' system user. This process runs as root, " +
                $"and PostgreSQL refuses root, so the launcher runs it as '{context.RunAs}'; that user must be able to traverse every parent folder" +
                DescribeClosedParents(root) +
                $". Choose a folder it can reach, e.g. {LocalPostgresOptions.DefaultDataDirectory()} (the default as root), with the setting Facturix:DataDir.");
        }
    }

    private static string DescribeClosedParents(string path)
    {
        var closed = new List<string>();
        for (var dir = new DirectoryInfo(path).Parent; dir is not null; dir = dir.Parent)
        {
            if (dir.Exists && (dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                closed.Add($"{dir.FullName} (mode {Convert.ToString((int)dir.UnixFileMode & 0x1FF, 8)})");
            }
        }

        closed.Reverse();
        return closed.Count == 0 ? "" : $" (closed to other users: {string.Join(", ", closed)})";
    }

    /// <summary>Creates <paramref name="path"/> with <paramref name="mode"/>; missing parents get 0755 whatever the umask.</summary>
    [UnsupportedOSPlatform("windows")]
    private static void CreateFolder(string path, UnixFileMode mode)
    {
        var missing = new Stack<string>();
        for (var dir = path; !Directory.Exists(dir); dir = Path.GetDirectoryName(dir) ?? "/")
        {
            missing.Push(dir);
        }

        const UnixFileMode parentMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        while (missing.TryPop(out var dir))
        {
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, missing.Count == 0 ? mode : parentMode);
        }

        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
            // An existing folder of another owner: keep its mode; initdb and pg_ctl will say if it is unusable.
        }
    }

    private static async Task ChownAsync(string path, CancellationToken ct)
    {
        var result = await ExternalCommand.RunAsync("chown", [$"{UnixSystem.PostgresUser}:", path], ShortCommandTimeout, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not give {path} to the '{UnixSystem.PostgresUser}' system user (does it exist? `apt-get install postgresql` creates it): {result.Describe()}");
        }
    }

    /// <summary>Runs initdb unless the folder already holds a cluster; returns the superuser password.</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<(string Password, bool Created)> EnsureClusterAsync(StartContext context, CancellationToken ct)
    {
        var paths = context.Paths;
        if (File.Exists(Path.Combine(paths.PgData, "PG_VERSION")))
        {
            if (!File.Exists(paths.PasswordFile))
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL cluster in {paths.PgData} has no password file {paths.PasswordFile}, so the app cannot sign in. " +
                    "Restore that file, or delete the folder to start with a new, empty cluster.");
            }

            var existing = (await File.ReadAllTextAsync(paths.PasswordFile, ct).ConfigureAwait(false)).Trim();
            return existing.Length > 0
                ? (existing, false)
                : throw new InvalidOperationException($"The password file {paths.PasswordFile} is empty.");
        }

        if (Directory.Exists(paths.PgData) && Directory.EnumerateFileSystemEntries(paths.PgData).Any())
        {
            throw new InvalidOperationException(
                $"{paths.PgData} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Delete it (or choose another data folder) to create a new cluster.");
        }

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using (var stream = new FileStream(paths.PasswordFile, fileOptions))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            await writer.WriteAsync(password + "\n").ConfigureAwait(false);
        }

        File.SetUnixFileMode(paths.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (context.RunAs is not null)
        {
            await ChownAsync(paths.PasswordFile, ct).ConfigureAwait(false);
        }

        List<string> arguments =
        [
            "-D", paths.PgData,
            "-U", Superuser,
            $"--pwfile={paths.PasswordFile}",
            "--encoding=UTF8",
            "--no-locale",
            "--auth-local=peer",
            "--auth-host=scram-sha-256",
        ];
        if (context.Options.Throwaway)
        {
            arguments.Add("--no-sync");
        }

        LocalPostgresLog.CreatingCluster(context.Logger, paths.PgData);
        var result = await ExternalCommand.RunAsync(context.Program("initdb"), arguments, InitdbTimeout, ct, context.RunAs).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"initdb could not create the PostgreSQL cluster in {paths.PgData}: {result.Describe()}");
        }

        return (password, true);
    }

    /// <summary>Reuses the server already running on the folder, or starts one; returns its port and whether we own it.</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<(int Port, bool OwnsServer, bool Reused)> EnsureServerRunningAsync(StartContext context, CancellationToken ct)
    {
        var paths = context.Paths;
        var running = await WaitForSettledServerAsync(context, ct).ConfigureAwait(false);
        if (running is not null)
        {
            var ownerAlive = UnixSystem.IsStampAlive(ReadOwnerStamp(paths));
            var usable = UsableListenAddresses.Contains(running.ListenAddress, StringComparer.Ordinal);
            if (usable)
            {
                if (!ownerAlive)
                {
                    await File.WriteAllTextAsync(paths.OwnerFile, context.OwnerStamp, ct).ConfigureAwait(false);
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
            var stopped = await RunPgCtlStopAsync(context, "fast", ct).ConfigureAwait(false);
            if (!stopped.Succeeded)
            {
                throw new InvalidOperationException($"Could not stop the orphan PostgreSQL server on {paths.PgData}: {stopped.Describe()}");
            }
        }

        // Stamped before the start, so that a failed start is cleaned up by the one who tried it.
        await File.WriteAllTextAsync(paths.OwnerFile, context.OwnerStamp, ct).ConfigureAwait(false);
        var port = await StartServerAsync(context, ct).ConfigureAwait(false);
        return (port, true, false);
    }

    /// <summary>
    /// The live server of the folder once it is ready (waiting while it starts up or shuts down), or null
    /// when none runs. A stale <c>postmaster.pid</c> (dead pid, or a pid now used by another program) is removed.
    /// </summary>
    private static async Task<RunningServer?> WaitForSettledServerAsync(StartContext context, CancellationToken ct)
    {
        var paths = context.Paths;
        var deadline = DateTime.UtcNow.AddSeconds(PgCtlWaitSeconds);
        var garbledDeadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var server = ReadPostmasterPid(paths.PostmasterPid);
            if (server is null)
            {
                return null;
            }

            if (server.Pid == 0)
            {
                // Empty or half-written: a server is starting, or a crash left it so. Give it a moment.
                if (DateTime.UtcNow > garbledDeadline)
                {
                    LocalPostgresLog.RemovingStalePidFile(context.Logger, paths.PostmasterPid, "unreadable");
                    File.Delete(paths.PostmasterPid);
                    return null;
                }

                await Task.Delay(100, ct).ConfigureAwait(false);
                continue;
            }

            if (!UnixSystem.IsPostgresOf(server.Pid, paths.PgData, server.StartedUtc))
            {
                LocalPostgresLog.StalePidFile(context.Logger, paths.PostmasterPid, server.Pid);
                File.Delete(paths.PostmasterPid);
                return null;
            }

            if (server.Status == "ready")
            {
                return server;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL server (pid {server.Pid}) on {paths.PgData} stayed in state '{server.Status}' for {PgCtlWaitSeconds} s. Server log:\n{ReadLogTail(paths.LogFile, 0)}");
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    private static RunningServer? ReadPostmasterPid(string file)
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

    [UnsupportedOSPlatform("windows")]
    private static async Task<int> StartServerAsync(StartContext context, CancellationToken ct)
    {
        var paths = context.Paths;
        CreateFolder(paths.SocketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (context.RunAs is not null)
        {
            await ChownAsync(paths.SocketDirectory, ct).ConfigureAwait(false);
        }

        RotateLog(paths.LogFile);
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
                throw new InvalidOperationException($"{e.Message}\nServer log ({paths.LogFile}):\n{ReadLogTail(paths.LogFile, logOffset)}", e);
            }

            if (result.Succeeded)
            {
                LocalPostgresLog.Started(context.Logger, paths.PgData, port);
                return port;
            }

            var logTail = ReadLogTail(paths.LogFile, logOffset);
            if (attempt < 3 && PortInUseMarkers.Any(marker => logTail.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            {
                LocalPostgresLog.PortTaken(context.Logger, port);
                continue;
            }

            throw new InvalidOperationException(
                $"PostgreSQL did not start on {paths.PgData} (port {port}): {result.Describe()}\nServer log ({paths.LogFile}):\n{logTail}");
        }
    }

    private static Task<CommandResult> RunPgCtlStopAsync(StartContext context, string mode, CancellationToken ct) =>
        ExternalCommand.RunAsync(
            context.Program("pg_ctl"),
            ["stop", "-D", context.Paths.PgData, "-m", mode, "-w", "-t", PgCtlWaitSeconds.ToString(CultureInfo.InvariantCulture)],
            PgCtlTimeout,
            ct,
            context.RunAs);

    private static async Task TryRunPgCtlStopAsync(StartContext context, string mode)
    {
        try
        {
            await RunPgCtlStopAsync(context, mode, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort on a path that is already failing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LocalPostgresLog.StopAttemptFailed(context.Logger, e, mode, context.Paths.PgData);
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

    private static void RotateLog(string logFile)
    {
        if (File.Exists(logFile) && new FileInfo(logFile).Length > LogRotateBytes)
        {
            File.Move(logFile, logFile + ".1", overwrite: true);
        }
    }

    /// <summary>The last lines the server wrote after <paramref name="offset"/>.</summary>
    private static string ReadLogTail(string logFile, long offset, int lines = 40)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Position = offset <= stream.Length ? offset : 0;
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd().TrimEnd();
            var all = text.Split('\n');
            return all.Length <= lines ? text : string.Join('\n', all[^lines..]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(could not read the log: {e.Message})";
        }
    }

    /// <summary>"pid start-time instance": which process, and which cluster object in it, owns the running server.</summary>
    private static string NewOwnerStamp() => $"{UnixSystem.CurrentProcessStamp()} {Guid.NewGuid():N}";

    private static string ReadOwnerStamp(ClusterPaths paths)
    {
        try
        {
            return File.Exists(paths.OwnerFile) ? File.ReadAllText(paths.OwnerFile).Trim() : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static void TryDeleteOwnerFile(ClusterPaths paths, string ownerStamp)
    {
        try
        {
            if (ReadOwnerStamp(paths) == ownerStamp)
            {
                File.Delete(paths.OwnerFile);
            }
        }
        catch (IOException)
        {
            // Harmless: a stamp of a dead process counts as no owner.
        }
    }

    private static void TryDeleteFolder(string folder, ILogger logger)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (attempt == 5)
                {
                    LocalPostgresLog.DeleteFailed(logger, e, folder);
                    return;
                }

                // A server process may still be letting go of a file.
                Thread.Sleep(100 * attempt);
            }
        }
    }

    /// <summary>Where things live inside <see cref="LocalPostgresOptions.DataDirectory"/>.</summary>
    private sealed record ClusterPaths(string Root)
    {
        public string PgData { get; } = Path.Combine(Root, "pgdata");
        public string PasswordFile { get; } = Path.Combine(Root, "superuser.password");
        public string LogFile { get; } = Path.Combine(Root, "postgres.log");
        public string OwnerFile { get; } = Path.Combine(Root, "owner.pid");
        public string PostmasterPid => Path.Combine(PgData, "postmaster.pid");

        /// <summary>
        /// <c>socket/</c> inside the folder; when that path is too long for a Unix socket (107 bytes with
        /// <c>/.s.PGSQL.NNNNN</c>) or holds characters the shell would interpret, a short folder in /tmp named after it.
        /// </summary>
        public string SocketDirectory { get; } = ChooseSocketDirectory(Root);

        private static string ChooseSocketDirectory(string root)
        {
            var inside = Path.Combine(root, "socket");
            var safe = inside.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-');
            if (safe && Encoding.UTF8.GetByteCount(inside) + "/.s.PGSQL.65535".Length <= MaxUnixSocketPathLength)
            {
                return inside;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..16];
            return $"/tmp/facturix-pg-{hash}";
        }
    }

    private sealed record RunningServer(int Pid, int Port, string ListenAddress, DateTime? StartedUtc, string Status);

    private sealed record StartContext(
        LocalPostgresOptions Options, ClusterPaths Paths, string BinDirectory, string? RunAs, ILogger Logger, string OwnerStamp)
    {
        public string Program(string name) => Path.Combine(BinDirectory, name);
    }
}
