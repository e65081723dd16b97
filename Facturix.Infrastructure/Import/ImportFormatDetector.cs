using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Facturix.Domain.Import;
using UtfUnknown;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// Guesses how to read a delimited file from its head (docs/decisions/0055): encoding (BOM; else valid UTF-8; else the
/// charset detector for what it is sure of; else Windows-1252, the superset of Latin-1 that French files from Excel use),
/// delimiter (the one a first line "sep=X" declares; else the one among , ; tab | whose count outside quotes is the same on
/// most lines), quote and header row.
/// </summary>
internal static class ImportFormatDetector
{
    /// <summary>Bytes of the file's head that detection looks at.</summary>
    public const int SampleBytes = 64 * 1024;

    public static readonly char[] Delimiters = [',', ';', '\t', '|'];

    /// <summary>Lines (records) the delimiter and header detection look at.</summary>
    private const int SampleLines = 50;

    /// <summary>The first <see cref="SampleBytes"/> bytes of the file.</summary>
    public static byte[] ReadHead(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(SampleBytes, file.Length)];
        file.ReadExactly(buffer);
        return buffer;
    }

    public static ImportFormat Detect(byte[] head, bool headFillsFile)
    {
        var encoding = DetectEncoding(head, headFillsFile);
        var text = Decode(head, encoding);
        EnsureText(text);
        // Excel's "sep=;" first line names the delimiter: it wins over any guess, and is not data (ImportRowReader skips it).
        var declared = DeclaredDelimiter(text);
        if (declared is not null) text = text[(text.IndexOf('\n') + 1)..];
        var delimiter = declared ?? DetectDelimiter(text);
        var quote = DetectQuote(text, delimiter);
        var lines = SplitRecords(text, delimiter, quote, SampleLines, headFillsFile);
        return new ImportFormat(encoding, delimiter, quote, LooksLikeHeader(lines));
    }

    /// <summary>A .NET encoding web name for the head's bytes.</summary>
    public static string DetectEncoding(ReadOnlySpan<byte> head, bool headFillsFile)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return "utf-8";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return "utf-16";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return "utf-16BE";
        if (Utf16WithoutBom(head) is { } utf16) return utf16;
        if (ValidUtf8(head, headFillsFile)) return "utf-8";

        var detected = CharsetDetector.DetectFromBytes(head).Detected;
        // The detector is sure of multi-byte and non-Latin encodings; for Latin text it hesitates between Latin-1,
        // Latin-2, Windows-1250/1252... and French files are Windows-1252 (œ, €, curly quotes included).
        if (detected is { Encoding: { } found, Confidence: >= 0.8f } && !IsLatin(found) && found.CodePage != Encoding.UTF8.CodePage)
            return found.WebName;
        return "windows-1252";
    }

    private static bool IsLatin(Encoding encoding) =>
        encoding.CodePage is 1250 or 1252 or 1254 or 1257 or 28591 or 28592 or 28605 or 20127 or 850 or 437 or 10000;

    /// <summary>UTF-16 without BOM: in Latin text, one byte of every two is NUL, always at the same parity.</summary>
    private static string? Utf16WithoutBom(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4) return null;
        int evenNul = 0, oddNul = 0;
        for (var i = 0; i + 1 < head.Length; i += 2)
        {
            if (head[i] == 0) evenNul++;
            if (head[i + 1] == 0) oddNul++;
        }
        var pairs = head.Length / 2;
        if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return "utf-16";
        if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return "utf-16BE";
        return null;
    }

    /// <summary>Valid UTF-8 (ASCII included); a sequence cut at the end of the sample is not held against it.</summary>
    private static bool ValidUtf8(ReadOnlySpan<byte> head, bool headFillsFile)
    {
        if (Utf8.IsValid(head)) return true;
        if (headFillsFile) return false;
        // Drop a truncated last character: up to 3 continuation/lead bytes at the very end.
        for (var cut = 1; cut <= 3 && cut < head.Length; cut++)
            if (Utf8.IsValid(head[..^cut])) return true;
        return false;
    }

    public static string Decode(byte[] head, string encoding)
    {
        var decoded = ImportEncodings.Get(encoding).GetString(head);
        return decoded.Length > 0 && decoded[0] == '\uFEFF' ? decoded[1..] : decoded;
    }

    /// <summary>
    /// Refuses what is not text: a NUL, control characters other than tab and line breaks, or replacement characters
    /// (bytes the encoding could not decode), beyond a few stray ones.
    /// </summary>
    public static void EnsureText(string text)
    {
        int odd = 0;
        foreach (var c in text)
        {
            if (c == '\0') throw Binary();
            if (c == '\uFFFD' || (char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f') && c < '\u0080')) odd++;
        }
        if (odd > Math.Max(2, text.Length / 200)) throw Binary();
    }

    /// <summary>
    /// The delimiter a first line <c>sep=X</c> declares (Excel writes and reads it, so French exports often carry it), or
    /// null. Only a line of exactly that shape counts.
    /// </summary>
    public static char? DeclaredDelimiter(string text)
    {
        var end = text.IndexOf('\n');
        var line = (end < 0 ? text : text[..end]).TrimEnd('\r');
        return IsSeparatorLine(line) ? line[4] : null;
    }

    /// <summary>"sep=;" (any case), the whole line.</summary>
    public static bool IsSeparatorLine(string line) => line.Length == 5 && line.StartsWith("sep=", StringComparison.OrdinalIgnoreCase);

    private static ImportFileException Binary() => new(ImportFileErrors.Binary, "The file is not text.");

    /// <summary>The delimiter whose count outside quotes is the same on most sampled lines (then the most frequent).</summary>
    public static char DetectDelimiter(string text)
    {
        var best = ',';
        (double Consistency, int Count) bestScore = (0, 0);
        foreach (var delimiter in Delimiters)
        {
            var counts = SplitRecords(text, delimiter, '"', SampleLines, headFillsFile: false)
                .Where(cells => cells.Length > 1 || cells[0].Length > 0).Select(cells => cells.Length - 1).ToList();
            if (counts.Count == 0) continue;
            var mode = counts.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
            if (mode == 0) continue;
            var score = ((double)counts.Count(c => c == mode) / counts.Count, mode);
            if (score.Item1 > bestScore.Consistency || (score.Item1 == bestScore.Consistency && mode > bestScore.Count))
                (best, bestScore) = (delimiter, score);
        }
        return best;
    }

    /// <summary>'"' unless fields are wrapped in single quotes and never in double ones.</summary>
    public static char DetectQuote(string text, char delimiter)
    {
        int doubleQuoted = 0, singleQuoted = 0;
        var fieldStart = true;
        foreach (var c in text)
        {
            if (fieldStart && c == '"') doubleQuoted++;
            if (fieldStart && c == '\'') singleQuoted++;
            fieldStart = c == delimiter || c is '\n' or '\r';
        }
        return singleQuoted > 0 && doubleQuoted == 0 ? '\'' : '"';
    }

    /// <summary>
    /// Up to <paramref name="max"/> non-empty records split on the delimiter outside quotes (a small RFC 4180 splitter for
    /// the sample; the real reading is CsvHelper's). The last record is left out when the sample cut it short.
    /// </summary>
    public static List<string[]> SplitRecords(string text, char delimiter, char quote, int max, bool headFillsFile)
    {
        var records = new List<string[]>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var i = 0;
        for (; i < text.Length && records.Count < max; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == quote && i + 1 < text.Length && text[i + 1] == quote) { cell.Append(c); i++; }
                else if (c == quote) quoted = false;
                else cell.Append(c);
            }
            else if (c == quote && cell.Length == 0) quoted = true;
            else if (c == delimiter) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                cells.Add(cell.ToString());
                cell.Clear();
                if (cells.Any(v => v.Trim().Length > 0)) records.Add([.. cells]);
                cells.Clear();
            }
            else cell.Append(c);
        }
        if (records.Count < max && headFillsFile && (cell.Length > 0 || cells.Count > 0))
        {
            cells.Add(cell.ToString());
            if (cells.Any(v => v.Trim().Length > 0)) records.Add([.. cells]);
        }
        return records;
    }

    /// <summary>
    /// The first row names the columns when none of its cells looks like a value (number, email, phone, URL, date) and
    /// either some cell is a known field name, or its cells are distinct and some column holds values of another kind
    /// below it.
    /// A file with one row is taken as a header (and refused as having no data).
    /// </summary>
    public static bool LooksLikeHeader(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0) return true;
        var first = rows[0].Select(c => c.Trim()).ToList();
        if (first.Any(LooksLikeValue)) return false;
        var named = first.Where(c => c.Length > 0).ToList();
        if (named.Count == 0) return false;
        // Known names win over repeats: an export with two "Email" columns still has a header.
        if (named.Any(c => ImportMappingGuesser.FieldOf(c) is not null)) return true;
        if (named.Distinct(StringComparer.OrdinalIgnoreCase).Count() != named.Count) return false;
        if (rows.Count == 1) return true;
        var data = rows.Skip(1).ToList();
        for (var column = 0; column < first.Count; column++)
        {
            var values = data.Where(r => column < r.Count && r[column].Trim().Length > 0).Select(r => r[column].Trim()).ToList();
            if (values.Count > 0 && values.Count(LooksLikeValue) * 2 >= values.Count) return true;
        }
        return false;
    }

    private static bool LooksLikeValue(string cell)
    {
        if (cell.Length == 0) return false;
        if (cell.Contains('@') && cell.Contains('.')) return true;
        if (cell.StartsWith("http", StringComparison.OrdinalIgnoreCase) || cell.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) return true;
        var digits = cell.Count(char.IsAsciiDigit);
        if (digits > 0 && digits * 2 >= cell.Count(c => !char.IsWhiteSpace(c))) return true;
        return double.TryParse(cell.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }
}
