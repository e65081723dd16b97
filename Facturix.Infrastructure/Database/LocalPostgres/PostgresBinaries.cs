namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>Finds the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>).</summary>
public static class PostgresBinaries
{
    /// <summary>The three programs the launcher needs, all in one folder.</summary>
    public static IReadOnlyList<string> RequiredPrograms { get; } = ["initdb", "pg_ctl", "postgres"];

    /// <summary>
    /// The folder holding all three server programs: first a <paramref name="pathVariable"/> entry (in
    /// order), then <c>&lt;searchRoot&gt;/&lt;version&gt;/bin</c> with the highest version (Debian and Ubuntu
    /// install the server there, off <c>PATH</c>). Null when none has all three.
    /// </summary>
    /// <param name="pathVariable">A <c>PATH</c>-style list (colon-separated); null or empty searches no folder.</param>
    /// <param name="searchRoot">The folder holding one sub-folder per major version.</param>
    public static string? Locate(string? pathVariable, string searchRoot = "/usr/lib/postgresql")
    {
        foreach (var entry in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // A relative entry (".", "bin") depends on the current folder: not a place to run a server from.
            if (Path.IsPathRooted(entry) && HasAll(entry))
            {
                return Path.GetFullPath(entry);
            }
        }

        if (!Directory.Exists(searchRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(searchRoot)
            .Select(dir => (Version: ParseVersion(Path.GetFileName(dir)), Bin: Path.Combine(dir, "bin")))
            .Where(candidate => candidate.Version is not null && HasAll(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.GetFullPath(candidate.Bin))
            .FirstOrDefault();
    }

    /// <summary>
    /// The configured <paramref name="binDirectory"/> (which must hold all three programs), or when none is
    /// configured, the folder <see cref="Locate"/> finds from <c>PATH</c>.
    /// </summary>
    /// <exception cref="PostgresBinariesNotFoundException">No folder with all three programs.</exception>
    internal static string Resolve(string? binDirectory)
    {
        if (binDirectory is not null)
        {
            var full = Path.GetFullPath(binDirectory);
            return HasAll(full)
                ? full
                : throw new PostgresBinariesNotFoundException($"in the configured folder {full}");
        }

        return Locate(Environment.GetEnvironmentVariable("PATH"))
            ?? throw new PostgresBinariesNotFoundException("on PATH or under /usr/lib/postgresql/*/bin");
    }

    /// <summary>True when <paramref name="directory"/> holds all of <see cref="RequiredPrograms"/> as executable files.</summary>
    public static bool HasAll(string directory) =>
        RequiredPrograms.All(program => IsExecutableFile(Path.Combine(directory, program)));

    private static bool IsExecutableFile(string path)
    {
        try
        {
            // File.Exists follows symbolic links (Debian links /usr/bin entries to the versioned folder).
            if (!File.Exists(path))
            {
                return false;
            }

            if (OperatingSystem.IsWindows())
            {
                return true;
            }

            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? new FileInfo(path);
            return (target.UnixFileMode & anyExecute) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>"15" → 15.0, "9.6" → 9.6; anything else (e.g. "common") → null.</summary>
    private static Version? ParseVersion(string name)
    {
        if (int.TryParse(name, out var major) && major >= 0)
        {
            return new Version(major, 0);
        }

        return Version.TryParse(name, out var version) ? version : null;
    }
}
