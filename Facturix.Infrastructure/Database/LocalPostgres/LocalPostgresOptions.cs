namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// How <see cref="LocalPostgresCluster"/> starts (or reuses) a PostgreSQL cluster of its own.
/// </summary>
/// <remarks>
/// Layout of <see cref="DataDirectory"/> (the launcher owns everything in it):
/// <list type="bullet">
/// <item><c>pgdata/</c>: the cluster itself (PGDATA, created by <c>initdb</c>, mode 0700).</item>
/// <item><c>superuser.password</c>: the generated password of the <c>postgres</c> superuser, mode 0600
/// (next to <c>pgdata</c>, never inside it, so a copy of the cluster does not carry it).</item>
/// <item><c>app.password</c>: the generated password of the <c>facturix_app</c> role the app connects as (owner of its
/// database, no superuser), mode 0600.</item>
/// <item><c>data-protection.pfx</c>: the certificate encrypting the sign-in keys (docs/decisions/0005), mode 0600.</item>
/// <item><c>postgres.log</c>: the server log (<c>pg_ctl -l</c>); its tail is quoted when a start fails.</item>
/// <item><c>socket/</c>: the Unix socket folder (never <c>/var/run/postgresql</c>, which may not exist), 0700 and
/// owner-checked; a random private folder in the temp folder when this path is too long for a socket.</item>
/// <item><c>owner.pid</c>: which app process started the running server, so a second instance on the same
/// folder reuses it without stopping it from under the first one.</item>
/// </list>
/// When the process runs as root, PostgreSQL is run as the <c>postgres</c> system user: the folder is
/// given to that user, and every parent folder must be traversable by it (a folder under <c>/root</c>,
/// mode 0700, is not).
/// </remarks>
public sealed record LocalPostgresOptions
{
    /// <summary>Where the cluster lives (see the layout above). Created if missing; reused when it holds a cluster.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The database the app uses; created if missing. <see cref="LocalPostgresCluster.ConnectionString"/> points at it.</summary>
    public string DatabaseName { get; init; } = "facturix";

    /// <summary>
    /// For test clusters only: runs with <c>fsync=off</c>, <c>synchronous_commit=off</c>,
    /// <c>full_page_writes=off</c>, <c>max_connections=300</c> (and <c>initdb --no-sync</c>), and deletes <see cref="DataDirectory"/>
    /// on dispose. Never for the app's own data: a crash can corrupt such a cluster.
    /// </summary>
    public bool Throwaway { get; init; }

    /// <summary>
    /// Folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>. When null, they are searched on
    /// <c>PATH</c>, then under <c>/usr/lib/postgresql/*/bin</c> (highest version wins).
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>
    /// The default folder for the app's own cluster (config <c>Facturix:DataDir</c> overrides it):
    /// <list type="bullet">
    /// <item>as root: <c>/var/lib/facturix/postgres</c>. PostgreSQL then runs as the <c>postgres</c> system
    /// user, which cannot reach anything under <c>/root</c> (mode 0700), so the data must live in a system
    /// folder whose parents are world-traversable;</item>
    /// <item>otherwise: <c>$XDG_DATA_HOME/facturix/postgres</c>, or <c>~/.local/share/facturix/postgres</c>
    /// when <c>XDG_DATA_HOME</c> is unset (the XDG base-directory convention for per-user data).</item>
    /// </list>
    /// </summary>
    public static string DefaultDataDirectory() => DefaultDataDirectory(
        UnixSystem.IsRoot,
        Environment.GetEnvironmentVariable("XDG_DATA_HOME"),
        Environment.GetEnvironmentVariable("HOME"));

    internal static string DefaultDataDirectory(bool isRoot, string? xdgDataHome, string? home)
    {
        if (isRoot)
        {
            return "/var/lib/facturix/postgres";
        }

        if (!string.IsNullOrWhiteSpace(xdgDataHome) && Path.IsPathRooted(xdgDataHome))
        {
            return Path.Combine(xdgDataHome, "facturix", "postgres");
        }

        if (string.IsNullOrWhiteSpace(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Path.GetTempPath(), $"facturix-{Environment.UserName}", "postgres")
            : Path.Combine(home, ".local", "share", "facturix", "postgres");
    }

    /// <summary>
    /// A fresh, not yet existing folder under <c>/tmp</c> for a <see cref="Throwaway"/> cluster
    /// (<c>/tmp</c> rather than <c>$TMPDIR</c>, which may sit under an unreachable home folder).
    /// </summary>
    public static string NewThrowawayDirectory(string prefix = "facturix-pg") =>
        Path.Combine(OperatingSystem.IsWindows() ? Path.GetTempPath() : "/tmp", $"{prefix}-{Guid.NewGuid():N}");
}
