using System.Text;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>Where things live inside <see cref="LocalPostgresOptions.DataDirectory"/>.</summary>
internal sealed record ClusterPaths(string Root)
{
    private const int MaxUnixSocketPathLength = 107;

    public string PgData { get; } = Path.Combine(Root, "pgdata");
    public string PasswordFile { get; } = Path.Combine(Root, "superuser.password");
    public string AppPasswordFile { get; } = Path.Combine(Root, "app.password");
    public string LogFile { get; } = Path.Combine(Root, "postgres.log");
    public string OwnerFile { get; } = Path.Combine(Root, "owner.pid");
    public string PostmasterPid => Path.Combine(PgData, "postmaster.pid");

    /// <summary>
    /// <c>socket/</c> inside the folder; when that path is too long for a Unix socket (107 bytes with
    /// <c>/.s.PGSQL.NNNNN</c>) or holds characters the shell would interpret, a new private folder in the temp folder
    /// (random name, mode 0700, created on first use): never a predictable shared path another user could create
    /// first. <see cref="SocketIsInside"/> tells which.
    /// </summary>
    public string SocketDirectory => _socketDirectory.Value;

    /// <summary>True when <see cref="SocketDirectory"/> is <c>socket/</c> inside the folder (deleted with it).</summary>
    public bool SocketIsInside => InsideSocketDirectory(Root) is not null;

    private readonly Lazy<string> _socketDirectory = new(() =>
        InsideSocketDirectory(Root) ?? Directory.CreateTempSubdirectory("facturix-pg-").FullName);

    private static string? InsideSocketDirectory(string root)
    {
        var inside = Path.Combine(root, "socket");
        var safe = inside.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-');
        return safe && Encoding.UTF8.GetByteCount(inside) + "/.s.PGSQL.65535".Length <= MaxUnixSocketPathLength ? inside : null;
    }
}
