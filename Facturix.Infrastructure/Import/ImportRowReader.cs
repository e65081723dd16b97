using System.Globalization;
using System.Text;
using CsvHelper;
using ExcelDataReader;
using Facturix.Domain.Import;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// <see cref="IImportRowReader"/>: delimited files through CsvHelper's byte reader (RFC 4180: quoted line breaks, doubled
/// quotes; the file's encoding transcoded on the way), .xlsx through ExcelDataReader (first sheet, read as a stream of
/// rows; formula cells give the value Excel cached, nothing is evaluated). Both are forward-only, so a million-row file
/// is read with flat memory. Rows whose cells are all blank are skipped like blank lines; a short row is padded with ""
/// to the header's width, a long one is kept whole (the mapping decides what its extra cells mean).
/// </summary>
internal sealed class ImportRowReader : IImportRowReader
{
    /// <summary>Rows looked at to name the columns of a file without header and to drop an empty trailing column.</summary>
    public const int SampleRows = 20;

    public IEnumerable<ImportRow> ReadRows(string path, ImportFileKind kind, ImportFormat format, long skipRows)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentOutOfRangeException.ThrowIfNegative(skipRows);
        return kind == ImportFileKind.Excel ? Rows(ExcelRecords(path), format, skipRows) : DelimitedRows(path, format, skipRows);
    }

    public IReadOnlyList<string> ReadHeaders(string path, ImportFileKind kind, ImportFormat format) => ReadHead(path, kind, format, SampleRows).Headers;

    /// <summary>
    /// The headers and the first <paramref name="maxRows"/> data rows, as the wizard shows them: headers cleaned
    /// (<see cref="ImportHeaders.Clean"/>), extended with "Colonne N" for data cells past the header, without a trailing
    /// column that is empty in the header and in every sampled row; rows padded or cut to the headers.
    /// </summary>
    public static ImportHead ReadHead(string path, ImportFileKind kind, ImportFormat format, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(format);
        string[]? header = null;
        var rows = new List<string[]>();
        var sample = Math.Max(maxRows, SampleRows);
        var records = kind == ImportFileKind.Excel ? ExcelRecords(path) : DelimitedRecords(path, format);
        foreach (var (_, cells) in records)
        {
            if (format.HasHeader && header is null) { header = cells; continue; }
            rows.Add(cells);
            if (rows.Count >= sample) break;
        }

        var width = Math.Max(header?.Length ?? 0, rows.Count == 0 ? 0 : rows.Max(r => r.Length));
        // A trailing separator on every line (common in Excel exports) makes an empty last column: not a column.
        while (width > 0 && IsEmptyColumn(width - 1, header, rows)) width--;
        var headers = ImportHeaders.Clean(Enumerable.Range(0, width).Select(i => header is not null && i < header.Length ? header[i] : ""));
        var shown = rows.Take(maxRows).Select(r => (IReadOnlyList<string>)Enumerable.Range(0, width).Select(i => i < r.Length ? r[i] : "").ToArray()).ToList();
        return new ImportHead(headers, shown, header is not null);
    }

    private static bool IsEmptyColumn(int column, string[]? header, List<string[]> rows) =>
        (header is null || column >= header.Length || string.IsNullOrWhiteSpace(header[column]))
        && rows.All(r => column >= r.Length || string.IsNullOrWhiteSpace(r[column]));

    /// <summary>Data rows of a delimited file (the header, when any, is the first non-blank record).</summary>
    private static IEnumerable<ImportRow> DelimitedRows(string path, ImportFormat format, long skipRows) =>
        Rows(DelimitedRecords(path, format), format, skipRows);

    private static IEnumerable<ImportRow> Rows(IEnumerable<(long Line, string[] Cells)> records, ImportFormat format, long skipRows)
    {
        var width = -1;
        long seen = 0;
        foreach (var (line, cells) in records)
        {
            if (width < 0)
            {
                width = cells.Length;
                if (format.HasHeader) continue;
            }
            if (seen++ < skipRows) continue;
            yield return new ImportRow(line, cells.Length >= width ? cells : Pad(cells, width));
        }
    }

    private static string[] Pad(string[] cells, int width)
    {
        var padded = new string[width];
        cells.CopyTo(padded, 0);
        Array.Fill(padded, "", cells.Length, width - cells.Length);
        return padded;
    }

    /// <summary>Every non-blank record with the physical line it starts on.</summary>
    private static IEnumerable<(long Line, string[] Cells)> DelimitedRecords(string path, ImportFormat format)
    {
        var encoding = ImportEncodings.Get(format.Encoding);
        var options = CsvReaderOptions.Default with
        {
            Separator = format.Delimiter,
            Quote = format.Quote,
            HasHeader = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            TrimWhitespace = false,
            BufferSize = 1 << 17,
        };
        // UTF-8 and single-byte files go through the reader's byte path (fast, transcoded as read); UTF-16/32 through a
        // text reader (the byte path only takes those with a BOM).
        using var csv = encoding.IsSingleByte || encoding.CodePage == Encoding.UTF8.CodePage
            ? CsvReader.Create(OpenSequential(path), options with { Encoding = encoding.CodePage == Encoding.UTF8.CodePage ? null : encoding }, leaveOpen: false)
            : CsvReader.Create(new StreamReader(OpenSequential(path), encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), options, leaveOpen: false);
        var first = true;
        while (csv.Read())
        {
            var count = csv.FieldCount;
            if (IsBlank(csv, count)) continue;
            var cells = new string[count];
            for (var i = 0; i < count; i++) cells[i] = WithoutNul(csv.GetString(i) ?? "");
            // Excel's "sep=;" line declares the delimiter (ImportFormatDetector): it is neither header nor data.
            if (first && ImportFormatDetector.IsSeparatorLine(string.Join(format.Delimiter, cells))) { first = false; continue; }
            first = false;
            yield return (csv.LineNumber, cells);
        }
    }

    /// <summary>";;;" or a line of spaces: no data, like an empty line.</summary>
    private static bool IsBlank(CsvReader csv, int count)
    {
        for (var i = 0; i < count; i++)
        {
            foreach (var b in csv.GetSpan(i))
                if (b is not ((byte)' ' or (byte)'\t')) return false;
        }
        return true;
    }

    private static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    /// <summary>Every non-blank row of the first worksheet, with its 1-based row number in the sheet.</summary>
    private static IEnumerable<(long Line, string[] Cells)> ExcelRecords(string path)
    {
        ImportEncodings.EnsureRegistered();
        using var stream = OpenSequential(path);
        using var excel = ExcelReaderFactory.CreateOpenXmlReader(stream);
        while (excel.Read())
        {
            var count = excel.FieldCount;
            // Columns past the last filled cell of the row are not kept: the sheet's width is its widest row.
            var last = count - 1;
            while (last >= 0 && IsEmptyCell(excel.GetValue(last))) last--;
            if (last < 0) continue;
            var cells = new string[last + 1];
            for (var i = 0; i <= last; i++) cells[i] = CellText(excel.GetValue(i));
            yield return (excel.Depth + 1L, cells);
        }
    }

    /// <summary>
    /// A cell without NUL characters. Broken exports leave them in the middle of files (the detector only samples the
    /// head), and PostgreSQL refuses them in any text, so one would fail its whole batch; they carry nothing a person typed.
    /// </summary>
    internal static string WithoutNul(string cell) => cell.Contains('\0') ? cell.Replace("\0", "", StringComparison.Ordinal) : cell;

    private static bool IsEmptyCell(object? value) => value is null || value is string s && string.IsNullOrWhiteSpace(s);

    /// <summary>A cell as invariant text: numbers without exponent when whole (phones, SIRENs), dates ISO 8601.</summary>
    internal static string CellText(object? value) => value switch
    {
        null => "",
        string s => WithoutNul(s),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e17 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>The head of a file as the wizard shows it.</summary>
internal sealed record ImportHead(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, bool HeaderRead);

/// <summary>Column names as shown and as mappings remember them.</summary>
internal static class ImportHeaders
{
    /// <summary>
    /// Trimmed; an empty one becomes "Colonne N" (its 1-based position); a repeated one gets its rank as suffix
    /// ("Email", "Email (2)"), so every column can be told apart in the mapping step.
    /// </summary>
    public static IReadOnlyList<string> Clean(IEnumerable<string> raw)
    {
        var result = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var cell in raw)
        {
            var name = cell.Trim();
            if (name.Length == 0) name = $"Colonne {result.Count + 1}";
            var candidate = name;
            if (!taken.Add(candidate))
            {
                var rank = seen.GetValueOrDefault(name, 1);
                do candidate = $"{name} ({++rank})"; while (!taken.Add(candidate));
                seen[name] = rank;
            }
            result.Add(candidate);
        }
        return result;
    }
}

/// <summary>Encodings by web name, with the Windows code pages .NET leaves out by default.</summary>
internal static class ImportEncodings
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>Registers the code pages provider once (windows-1252 for files and for ExcelDataReader).</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    public static Encoding Get(string name)
    {
        EnsureRegistered();
        return Encoding.GetEncoding(name);
    }
}
