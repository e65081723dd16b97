using System.Text;
using Facturix.Domain.Import;
using Facturix.Infrastructure.Import;

namespace Facturix.Tests.Import;

/// <summary>
/// A plain line-per-row reader (no quoting) for the job's tests: they are about rules, duplicates, batches and resume,
/// not about parsing, which the file part of issue 15 tests with its real reader.
/// </summary>
internal sealed class SimpleRowReader : IImportRowReader
{
    public IEnumerable<ImportRow> ReadRows(string path, ImportFileKind kind, ImportFormat format, long skipRows)
    {
        var line = 0L;
        var data = 0L;
        foreach (var text in File.ReadLines(path, Encoding.UTF8))
        {
            line++;
            if (line == 1 && format.HasHeader) continue;
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (data++ < skipRows) continue;
            yield return new ImportRow(line, text.Split(format.Delimiter));
        }
    }

    public IReadOnlyList<string> ReadHeaders(string path, ImportFileKind kind, ImportFormat format)
    {
        var first = File.ReadLines(path, Encoding.UTF8).First().Split(format.Delimiter);
        return format.HasHeader ? first : first.Select((_, i) => $"Colonne {i + 1}").ToArray();
    }
}
