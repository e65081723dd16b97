using System.Diagnostics;
using System.Text;
using Facturix.Domain.Import;
using Facturix.Infrastructure.Import;
using Facturix.Tests.Benchmarks;
using Xunit.Abstractions;

namespace Facturix.Tests.Import;

/// <summary>The reader alone on the million-row file (the job's end-to-end figure is BENCH import-1m).</summary>
[Collection(BenchmarkCollection.Name)]
[Trait("Category", "Bench")]
public sealed class ImportReadBenchmark(ITestOutputHelper output) : IDisposable
{
    private readonly ImportTestFiles files = new();
    private readonly ImportRowReader reader = new();
    private static readonly ImportFormat Semicolon = new("utf-8", ';', '"', HasHeader: true);

    public void Dispose() => files.Dispose();

    /// <summary>
    /// The 1,000,000-row (~166 MB) file must be read in a few seconds with flat memory: the job's 30-second
    /// budget leaves the reader a small share. Generated lazily into a file, then read once.
    /// </summary>
    [Theory]
    [InlineData("utf-8")]
    [InlineData("windows-1252")]
    public void Reads_a_million_rows_in_seconds_with_flat_memory(string encoding)
    {
        var path = Path.Combine(files.Folder, $"million-{encoding}.csv");
        var fileEncoding = encoding == "utf-8" ? new UTF8Encoding(false) : ImportTestFiles.Windows1252;
        using (var writer = new StreamWriter(path, false, fileEncoding, 1 << 16))
        {
            writer.Write("Prénom;Nom;Société;Email;Téléphone;Ville;Pays;Fonction;SIREN;Site;Effectif;Source\r\n");
            for (var i = 0; i < 1_000_000; i++)
                writer.Write($"Élodie{i % 977};Dupont-Moreau{i % 311};Générale {i % 5003};elodie.dupont{i}@exemple.fr;+33 6 12 34 {i % 100:00} {i % 97:00};Saint-Étienne;France;Directrice;{100000000 + i};www.exemple{i % 5003}.fr;\"50-99\";Vivatech\r\n");
        }
        var size = new FileInfo(path).Length;
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var watch = Stopwatch.StartNew();
        long count = 0, cells = 0, peak = 0;
        foreach (var row in reader.ReadRows(path, ImportFileKind.Delimited, Semicolon with { Encoding = encoding }, 0))
        {
            count++;
            cells += row.Values.Length;
            // Live memory (after a full collection) every 100,000 rows: flat when nothing is held row to row.
            if (count % 100_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(true) - before);
        }
        watch.Stop();

        output.WriteLine($"BENCH import-read-1m ({encoding}): {watch.Elapsed.TotalMilliseconds:F1} ms for {count} rows, {size / 1e6:F0} MB; live heap growth at most {peak / 1e6:F0} MB");
        Assert.Equal(1_000_000, count);
        Assert.Equal(12_000_000, cells);
        Assert.True(size > 150_000_000, $"file {size} bytes");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"read in {watch.Elapsed}");
        Assert.True(peak < 16_000_000, $"heap grew by {peak} bytes");
    }
}
