namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>The server's log file (<c>postgres.log</c>): kept small, and quoted in error messages.</summary>
internal static class ServerLog
{
    private const long RotateBytes = 10 * 1024 * 1024;

    /// <summary>Moves a log over 10 MiB to <c>postgres.log.1</c> (replacing the previous one) before a start.</summary>
    public static void Rotate(string logFile)
    {
        if (File.Exists(logFile) && new FileInfo(logFile).Length > RotateBytes)
        {
            File.Move(logFile, logFile + ".1", overwrite: true);
        }
    }

    /// <summary>The last lines the server wrote after <paramref name="offset"/>.</summary>
    public static string ReadTail(string logFile, long offset, int lines = 40)
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
}
