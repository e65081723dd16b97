using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>Creating, handing over to the postgres user, and deleting the cluster's folders.</summary>
internal static class ClusterFolders
{
    /// <summary>For quick system commands (chown, test): they answer at once or something is badly wrong.</summary>
    public static readonly TimeSpan ShortCommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates <paramref name="path"/> with <paramref name="mode"/>; missing parents get 0755 whatever the umask.</summary>
    [UnsupportedOSPlatform("windows")]
    public static void Create(string path, UnixFileMode mode)
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

    /// <summary>
    /// Refuses a folder that is a symbolic link, belongs to someone other than <paramref name="owner"/>, or that others
    /// may enter: the server's socket folder must be the server's alone (another local user could otherwise plant or
    /// replace the socket and catch the app's connections).
    /// </summary>
    public static async Task EnsurePrivateAsync(string path, string owner, CancellationToken ct)
    {
        // lstat (no -L): a symbolic link reports itself as one.
        var stat = await ExternalCommand.RunAsync("stat", ["-c", "%F|%U|%a", path], ShortCommandTimeout, ct).ConfigureAwait(false);
        var expected = $"directory|{owner}|700";
        if (!stat.Succeeded || stat.StandardOutput.Trim() != expected)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL socket folder {path} must be a directory owned by '{owner}' with mode 700; it is '{stat.StandardOutput.Trim()}'. " +
                "Remove it (or choose another Facturix:DataDir) and start again.");
        }
    }

    /// <summary>Gives <paramref name="path"/> to the postgres system user (as root, the server runs as that user).</summary>
    public static async Task ChownToPostgresAsync(string path, CancellationToken ct)
    {
        var result = await ExternalCommand.RunAsync("chown", [$"{UnixSystem.PostgresUser}:", path], ShortCommandTimeout, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not give {path} to the '{UnixSystem.PostgresUser}' system user (does it exist? `apt-get install postgresql` creates it): {result.Describe()}");
        }
    }

    /// <summary>Deletes a throwaway folder, retrying briefly; a failure is logged, not thrown (cleanup is best effort).</summary>
    public static void TryDelete(string folder, ILogger logger)
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
}
