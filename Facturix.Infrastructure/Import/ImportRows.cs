using Facturix.Domain.Import;

namespace Facturix.Infrastructure.Import;

/// <summary>One data row of an import file: where it starts in the file and its cells in file order.</summary>
/// <param name="LineNumber">1-based physical line where the row starts (the header is line 1 when there is one).</param>
/// <param name="Values">The cells, as text (Excel cells converted to their displayed text; formulas to their cached value).</param>
internal readonly record struct ImportRow(long LineNumber, string[] Values);

/// <summary>
/// Reads an import's data rows in file order with the chosen format, streaming (the job never holds the file in memory).
/// Blank lines are skipped (they are not data rows). Used by the dry run and the job; resuming skips <c>skipRows</c>
/// data rows, which is cheap next to validating and writing them.
/// </summary>
internal interface IImportRowReader
{
    /// <summary>The data rows after the first <paramref name="skipRows"/>; the header (when any) is never returned.</summary>
    IEnumerable<ImportRow> ReadRows(string path, ImportFileKind kind, ImportFormat format, long skipRows);

    /// <summary>The header cells (or "Colonne 1", ... when the format says there is no header row).</summary>
    IReadOnlyList<string> ReadHeaders(string path, ImportFileKind kind, ImportFormat format);
}
