using Microsoft.Extensions.Logging;

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
/// The steps live in <see cref="ClusterInitializer"/> (folder and initdb), <see cref="PostgresServer"/> (the server
/// process) and <see cref="ClusterDatabases"/> (databases and connection strings); this class ties them together.
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    /// <summary>The superuser created by initdb: the launcher's own (databases, the app role); the app never uses it.</summary>
    public const string Superuser = "postgres";

    /// <summary>The role <see cref="ConnectionString"/> connects as: owns the app's database, no superuser (<see cref="ClusterAppRole"/>).</summary>
    public const string AppRole = ClusterAppRole.Name;

    private readonly ClusterContext _context;
    private readonly ClusterDatabases _databases;
    private readonly bool _ownsServer;
    private string _appPassword = "";
    private readonly Lock _stopGate = new();
    private ILogger _logger;
    private Task? _stopTask;
    private int _disposed;

    private LocalPostgresCluster(ClusterContext context, string password, int port, bool ownsServer)
    {
        _context = context;
        _logger = context.Logger;
        _databases = new ClusterDatabases(port, password);
        _ownsServer = ownsServer;
        Port = port;
    }

    /// <summary>The TCP port the server listens on (on 127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Connection string to <see cref="LocalPostgresOptions.DatabaseName"/>, as the app role <see cref="AppRole"/>, over 127.0.0.1.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The folder the cluster lives in (<see cref="LocalPostgresOptions.DataDirectory"/>, made absolute).</summary>
    public string DataDirectory => _context.Paths.Root;

    /// <summary>The server log file (<c>postgres.log</c> in <see cref="DataDirectory"/>).</summary>
    public string LogFile => _context.Paths.LogFile;

    private LocalPostgresOptions Options => _context.Options;

    private ClusterPaths Paths => _context.Paths;

    /// <summary>The context with the current logger (<see cref="UseLogger"/> may have replaced the start's).</summary>
    private ClusterContext Context => _context with { Logger = _logger };

    /// <summary>Connection string to another database on the same server, as the superuser (tools and tests).</summary>
    public string ConnectionStringFor(string database) => _databases.ConnectionStringFor(database);

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
        var binDirectory = PostgresBinaries.Resolve(options.BinDirectory);
        var runAs = UnixSystem.IsRoot ? UnixSystem.PostgresUser : null;
        var context = new ClusterContext(options, paths, binDirectory, runAs, logger, OwnerFile.NewStamp());
        try
        {
            await ClusterInitializer.PrepareFolderAsync(context, ct).ConfigureAwait(false);
            var (password, createdCluster) = await ClusterInitializer.EnsureClusterAsync(context, ct).ConfigureAwait(false);
            var (port, ownsServer, reusedRunning) = await PostgresServer.EnsureRunningAsync(context, ct).ConfigureAwait(false);

            var cluster = new LocalPostgresCluster(context, password, port, ownsServer);
            try
            {
                await cluster._databases.EnsureDatabaseAsync(options.DatabaseName, logger, ct).ConfigureAwait(false);
                cluster._appPassword = await ClusterAppRole.PasswordAsync(paths, ct).ConfigureAwait(false);
                cluster.ConnectionString = await cluster._databases.EnsureAppRoleAsync(options.DatabaseName, cluster._appPassword, ct).ConfigureAwait(false);
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
            await CleanUpFailedStartAsync(context).ConfigureAwait(false);
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
    public Task CreateDatabaseAsync(string name, string? template = null, CancellationToken ct = default) =>
        _databases.CreateDatabaseAsync(name, template, ct);

    /// <summary>
    /// A new empty database set up like the app's own (owned by <see cref="AppRole"/>, extensions created), and a
    /// connection string to it as that role: for tests that run the app the way it runs on its embedded cluster.
    /// </summary>
    public async Task<string> CreateAppDatabaseAsync(string name, CancellationToken ct = default)
    {
        await _databases.CreateDatabaseAsync(name, template: null, ct).ConfigureAwait(false);
        return await _databases.EnsureAppRoleAsync(name, _appPassword, ct).ConfigureAwait(false);
    }

    /// <summary><c>DROP DATABASE IF EXISTS name WITH (FORCE)</c>: ends its sessions, then drops it.</summary>
    public Task DropDatabaseAsync(string name, CancellationToken ct = default) =>
        _databases.DropDatabaseAsync(name, ct);

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
            LocalPostgresLog.StopFailed(_logger, e, Paths.Root);
            if (Options.Throwaway && _ownsServer)
            {
                await PostgresServer.TryStopAsync(Context, "immediate").ConfigureAwait(false);
            }
        }

        if (Options.Throwaway && _ownsServer)
        {
            ClusterFolders.TryDelete(Paths.Root, _logger);
            if (!Paths.SocketIsInside)
            {
                ClusterFolders.TryDelete(Paths.SocketDirectory, _logger);
            }
        }
    }

    /// <summary>Switches logging to the app's logger once the host is built (the start used a bootstrap logger).</summary>
    internal void UseLogger(ILogger appLogger) => _logger = appLogger;

    /// <summary>
    /// A failed start gives up its claim on the server; a throwaway cluster leaves nothing behind
    /// (unless another live process uses that folder).
    /// </summary>
    private static async Task CleanUpFailedStartAsync(ClusterContext context)
    {
        var owner = OwnerFile.Read(context.Paths);
        if (owner == context.OwnerStamp)
        {
            if (context.Options.Throwaway)
            {
                await PostgresServer.TryStopAsync(context, "immediate").ConfigureAwait(false);
            }

            OwnerFile.TryDelete(context.Paths, context.OwnerStamp);
        }

        if (context.Options.Throwaway && (owner == context.OwnerStamp || !UnixSystem.IsStampAlive(owner)))
        {
            ClusterFolders.TryDelete(context.Paths.Root, context.Logger);
        }
    }

    private async Task StopCoreAsync(CancellationToken ct)
    {
        _databases.ClearHandedOutPools();
        if (!_ownsServer)
        {
            LocalPostgresLog.LeftRunning(_logger, Paths.Root);
            return;
        }

        var result = await PostgresServer.StopAsync(Context, "fast", ct).ConfigureAwait(false);
        if (!result.Succeeded && File.Exists(Paths.PostmasterPid))
        {
            throw new InvalidOperationException($"Could not stop the local PostgreSQL server in {Paths.Root}: {result.Describe()}");
        }

        OwnerFile.TryDelete(Paths, _context.OwnerStamp);
        if (!Paths.SocketIsInside && !Options.Throwaway)
        {
            // The private socket folder was made for this start (a random name): do not leave one per start in /tmp.
            ClusterFolders.TryDelete(Paths.SocketDirectory, _logger);
        }

        LocalPostgresLog.Stopped(_logger, Paths.Root);
    }
}
