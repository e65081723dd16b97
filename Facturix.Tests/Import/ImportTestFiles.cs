using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Facturix.Tests.Import;

/// <summary>The bad-input corpus of issue 15, written by the tests into a temporary folder deleted on dispose.</summary>
internal sealed class ImportTestFiles : IDisposable
{
    public static readonly Encoding Windows1252;

    static ImportTestFiles()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("facturix-import-tests-").FullName;

    public string Text(string name, string content, Encoding encoding, bool bom = false)
    {
        var path = Path.Combine(Folder, name);
        using var file = File.Create(path);
        if (bom) file.Write(encoding.GetPreamble());
        file.Write(encoding.GetBytes(content));
        return path;
    }

    public string Utf8(string name, string content, bool bom = false) => Text(name, content, new UTF8Encoding(false), bom);

    public string Bytes(string name, byte[] content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>
    /// A one-sheet .xlsx: each cell is a string, a number, a DateTime (date-formatted) or a <see cref="Formula"/> (its
    /// formula plus the value Excel cached). A null leaves the cell out; an empty row array leaves a blank row.
    /// </summary>
    public string Xlsx(string name, params object?[][] rows)
    {
        var path = Path.Combine(Folder, name);
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        // Style 1 = built-in number format 14 (a short date), so readers see a date.
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()), new Fills(new Fill(), new Fill()), new Borders(new Border()),
            new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
            {
                var value = rows[r][c];
                if (value is null) continue;
                var cell = new Cell { CellReference = $"{(char)('A' + c)}{r + 1}" };
                switch (value)
                {
                    case string s:
                        cell.DataType = CellValues.InlineString;
                        cell.InlineString = new InlineString(new Text(s));
                        break;
                    case DateTime d:
                        cell.StyleIndex = 1;
                        cell.CellValue = new CellValue(d.ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case Formula f:
                        cell.CellFormula = new CellFormula(f.Expression);
                        if (f.Cached is string text)
                        {
                            cell.DataType = CellValues.String;
                            cell.CellValue = new CellValue(text);
                        }
                        else if (f.Cached is not null)
                            cell.CellValue = new CellValue(Convert.ToDouble(f.Cached, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    default:
                        cell.CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
                row.Append(cell);
            }
            data.Append(row);
        }
        sheetPart.Worksheet = new Worksheet(data);
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Leads" }));
        workbook.Workbook.Save();
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A formula cell with the value Excel cached for it (null: no cached value).</summary>
internal sealed record Formula(string Expression, object? Cached);
