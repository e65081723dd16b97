using System.Diagnostics;
using Xunit.Abstractions;

namespace Facturix.Tests.Benchmarks;

/// <summary>Times an operation and its baseline in the same run and reports the ratio (see docs/benchmarks.md).</summary>
internal static class BenchmarkReport
{
    public static async Task<TimeSpan> MedianAsync(int runs, Func<Task> operation)
    {
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation();
            times.Add(watch.Elapsed);
        }
        times.Sort();
        return times[runs / 2];
    }

    /// <summary>
    /// The 95th percentile of <paramref name="runs"/> timed runs, after <paramref name="warmUp"/> untimed ones (query
    /// compilation, plan caching, the first read of the pages involved).
    /// </summary>
    public static async Task<TimeSpan> P95Async(int runs, Func<Task> operation, int warmUp = 2)
    {
        for (var i = 0; i < warmUp; i++)
            await operation();
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation();
            times.Add(watch.Elapsed);
        }
        times.Sort();
        return times[(int)Math.Ceiling(runs * 0.95) - 1];
    }

    public static double Report(ITestOutputHelper output, string name, TimeSpan measured, string baselineName, TimeSpan baseline)
    {
        var ratio = measured.TotalMilliseconds / baseline.TotalMilliseconds;
        output.WriteLine($"BENCH {name}: {measured.TotalMilliseconds:F1} ms; baseline ({baselineName}) {baseline.TotalMilliseconds:F1} ms; ratio {ratio:F2}");
        return ratio;
    }
}

/// <summary>Benchmarks run one at a time: two seeding at once would measure each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchmarkCollection
{
    public const string Name = "Benchmarks";
}
