using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// Gets the data folder ready for a server: the folder itself (mode, owner, reachability), and on first use
/// a new cluster (<c>initdb</c>) with a generated superuser password kept in a 0600 file.
/// </summary>
internal static class ClusterInitializer
{
    private static readonly TimeSpan InitdbTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Creates the folder (parents world-traversable, itself 0700) and, as root, gives it to postgres.</summary>
    [UnsupportedOSPlatform("windows")]
    public static async Task PrepareFolderAsync(ClusterContext context, CancellationToken ct)
    {
        var root = context.Paths.Root;
        if (root.IndexOfAny(['"', '$', '`', '\\', '\n', '\r']) >= 0)
        {
            // pg_ctl hands the data and log paths to /bin/sh inside double quotes.
            throw new InvalidOperationException($"The PostgreSQL data folder path must not contain \", $, `, \\ or line breaks: {root}");
        }

        try
        {
            ClusterFolders.Create(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
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

        await ClusterFolders.ChownToPostgresAsync(root, ct).ConfigureAwait(false);
        var access = await ExternalCommand.RunAsync("test", ["-w", root, "-a", "-x", root], ClusterFolders.ShortCommandTimeout, ct, context.RunAs).ConfigureAwait(false);
        if (!access.Succeeded)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL data folder {root} is not reachable by the '{context.RunAs}' system user. This process runs as root, " +
                $"and PostgreSQL refuses root, so the launcher runs it as '{context.RunAs}'; that user must be able to traverse every parent folder" +
                DescribeClosedParents(root) +
                $". Choose a folder it can reach, e.g. {LocalPostgresOptions.DefaultDataDirectory()} (the default as root), with the setting Facturix:DataDir.");
        }
    }

    /// <summary>Runs initdb unless the folder already holds a cluster; returns the superuser password.</summary>
    [UnsupportedOSPlatform("windows")]
    public static async Task<(string Password, bool Created)> EnsureClusterAsync(ClusterContext context, CancellationToken ct)
    {
        var paths = context.Paths;
        if (File.Exists(Path.Combine(paths.PgData, "PG_VERSION")))
        {
            return (await ReadExistingPasswordAsync(paths, ct).ConfigureAwait(false), false);
        }

        if (Directory.Exists(paths.PgData) && Directory.EnumerateFileSystemEntries(paths.PgData).Any())
        {
            throw new InvalidOperationException(
                $"{paths.PgData} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Delete it (or choose another data folder) to create a new cluster.");
        }

        var password = await WriteNewPasswordFileAsync(context, ct).ConfigureAwait(false);
        List<string> arguments =
        [
            "-D", paths.PgData,
            "-U", LocalPostgresCluster.Superuser,
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

    private static async Task<string> ReadExistingPasswordAsync(ClusterPaths paths, CancellationToken ct)
    {
        if (!File.Exists(paths.PasswordFile))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL cluster in {paths.PgData} has no password file {paths.PasswordFile}, so the app cannot sign in. " +
                "Restore that file, or delete the folder to start with a new, empty cluster.");
        }

        var existing = (await File.ReadAllTextAsync(paths.PasswordFile, ct).ConfigureAwait(false)).Trim();
        return existing.Length > 0
            ? existing
            : throw new InvalidOperationException($"The password file {paths.PasswordFile} is empty.");
    }

    /// <summary>A random password in a file only its owner (postgres, as root) can read; initdb takes it from there.</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<string> WriteNewPasswordFileAsync(ClusterContext context, CancellationToken ct)
    {
        var paths = context.Paths;
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
            await ClusterFolders.ChownToPostgresAsync(paths.PasswordFile, ct).ConfigureAwait(false);
        }

        return password;
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
}
