using System.Security.Cryptography;
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
