using System.Globalization;

namespace Facturix.Tests.Benchmarks;

/// <summary>
/// CPU time (user + system) of processes from Linux's /proc, for benchmarks that must say where their time went.
/// Ticks are USER_HZ, which Linux fixes at 100 for /proc's stat files.
/// </summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(int processId) => TimeSpan.FromSeconds(Ticks(processId) / TicksPerSecond);

    /// <summary>
    /// Every running PostgreSQL process on the machine (server, backends, background workers): the benchmark's cluster
    /// when nothing else runs one. A backend that exits in between takes its CPU time with it.
    /// </summary>
    public static TimeSpan OfPostgres() => TimeSpan.FromSeconds(Directory.EnumerateDirectories("/proc")
        .Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)).Select(int.Parse!)
        .Where(IsPostgres).Sum(Ticks) / TicksPerSecond);

    private static bool IsPostgres(int processId)
    {
        try { return File.ReadAllText($"/proc/{processId}/comm").Trim() == "postgres"; }
        catch (IOException) { return false; }
    }

    /// <summary>utime + stime: fields 14 and 15 of /proc/[pid]/stat, counted after the parenthesized command name.</summary>
    private static long Ticks(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }
}
