using System.Text;
using Facturix.Domain.Import;
using Facturix.Infrastructure.Import;

namespace Facturix.Tests.Import;

public sealed class ImportRowReaderTests : IDisposable
{
    private readonly ImportTestFiles files = new();
    private readonly ImportRowReader reader = new();
    private static readonly ImportFormat Semicolon = new("utf-8", ';', '"', HasHeader: true);
    private static readonly ImportFormat Comma = new("utf-8", ',', '"', HasHeader: true);

    public void Dispose() => files.Dispose();

    [Fact]
    public void Quoted_line_breaks_and_doubled_quotes_are_one_cell_and_lines_count_where_rows_start()
    {
        var path = files.Utf8("quoted.csv",
            "Prénom,Nom,Note\r\n" +
            "Jean,Dupont,\"Dit \"\"le chef\"\"\"\r\n" +
            "Marie,Curie,\"ligne 1\r\nligne 2\nligne 3\"\r\n" +
            "Paul,Martin,fin\r\n");

        var rows = reader.ReadRows(path, ImportFileKind.Delimited, Comma, 0).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal(["Jean", "Dupont", "Dit \"le chef\""], rows[0].Values);
        Assert.Equal("ligne 1\r\nligne 2\nligne 3", rows[1].Values[2]);
        Assert.Equal([2L, 3L, 6L], rows.Select(r => r.LineNumber));
        Assert.Equal(["Prénom", "Nom", "Note"], reader.ReadHeaders(path, ImportFileKind.Delimited, Comma));
    }

    [Fact]
    public void Excel_s_sep_line_is_skipped_and_lines_still_count_from_the_top_of_the_file()
    {
        var path = files.Utf8("sep.csv", "sep=;\r\nPrénom;Nom;Société\r\nJean;Dupont;ACME\r\nMarie;Curie;Radium\r\n", bom: true);

        var rows = reader.ReadRows(path, ImportFileKind.Delimited, Semicolon, 0).ToList();

        Assert.Equal(["Prénom", "Nom", "Société"], reader.ReadHeaders(path, ImportFileKind.Delimited, Semicolon));
        Assert.Equal([["Jean", "Dupont", "ACME"], ["Marie", "Curie", "Radium"]], rows.Select(r => r.Values));
        Assert.Equal([3L, 4L], rows.Select(r => r.LineNumber));
        Assert.Equal([4L], reader.ReadRows(path, ImportFileKind.Delimited, Semicolon, 1).Select(r => r.LineNumber));
    }

    [Fact]
    public void Blank_lines_are_skipped_and_ragged_rows_are_padded_or_kept()
    {
        var path = files.Utf8("ragged.csv",
            "\nPrénom;Nom;Société\n\nJean;Dupont\n   \n;;\nMarie;Curie;ACME;extra;cells\nLuc;Petit;Orange\n\n");

        var rows = reader.ReadRows(path, ImportFileKind.Delimited, Semicolon, 0).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal(["Jean", "Dupont", ""], rows[0].Values);
        Assert.Equal(["Marie", "Curie", "ACME", "extra", "cells"], rows[1].Values);
        Assert.Equal(["Luc", "Petit", "Orange"], rows[2].Values);
        Assert.Equal([4L, 7L, 8L], rows.Select(r => r.LineNumber));
    }

    [Fact]
    public void Skipping_resumes_after_that_many_data_rows()
    {
        var path = files.Utf8("skip.csv", "A,B\n1,x\n\n2,y\n3,z\n");

        var rows = reader.ReadRows(path, ImportFileKind.Delimited, Comma, 2).ToList();

        var row = Assert.Single(rows);
        Assert.Equal(["3", "z"], row.Values);
        Assert.Equal(5, row.LineNumber);
    }

    [Fact]
    public void Without_header_every_row_is_data_and_columns_are_numbered()
    {
        var path = files.Utf8("noheader.csv", "Jean,Dupont\nMarie,Curie,ACME\n");
        var format = Comma with { HasHeader = false };

        var rows = reader.ReadRows(path, ImportFileKind.Delimited, format, 0).ToList();

        Assert.Equal([1L, 2L], rows.Select(r => r.LineNumber));
        Assert.Equal(["Colonne 1", "Colonne 2", "Colonne 3"], reader.ReadHeaders(path, ImportFileKind.Delimited, format));
    }

    [Fact]
    public void Latin1_and_windows_1252_files_are_decoded_with_the_given_encoding()
    {
        const string content = "Prénom;Nom;Société\r\nÉlodie;Cœur;Crédit à ç\r\n";
        var path = files.Text("latin.csv", content, ImportTestFiles.Windows1252);

        var row = Assert.Single(reader.ReadRows(path, ImportFileKind.Delimited, Semicolon with { Encoding = "windows-1252" }, 0));

        Assert.Equal(["Élodie", "Cœur", "Crédit à ç"], row.Values);
        Assert.Equal(["Prénom", "Nom", "Société"], reader.ReadHeaders(path, ImportFileKind.Delimited, Semicolon with { Encoding = "windows-1252" }));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf16_files_are_read_with_or_without_bom(bool bom)
    {
        var path = files.Text("utf16.csv", "Nom\tVille\r\nCœur\tSaint-Étienne\r\n", Encoding.Unicode, bom);

        var row = Assert.Single(reader.ReadRows(path, ImportFileKind.Delimited, new ImportFormat("utf-16", '\t', '"', true), 0));

        Assert.Equal(["Cœur", "Saint-Étienne"], row.Values);
    }

    [Fact]
    public void A_utf8_bom_is_not_part_of_the_first_header()
    {
        var path = files.Utf8("bom.csv", "Email,Nom\na@b.fr,Dupont\n", bom: true);

        Assert.Equal(["Email", "Nom"], reader.ReadHeaders(path, ImportFileKind.Delimited, Comma));
    }

    [Fact]
    public void Decimal_commas_stay_inside_semicolon_cells()
    {
        var path = files.Utf8("decimals.csv", "Nom;CA;Effectif\nACME;1234,56;12\n");

        var row = Assert.Single(reader.ReadRows(path, ImportFileKind.Delimited, Semicolon, 0));

        Assert.Equal(["ACME", "1234,56", "12"], row.Values);
    }

    [Fact]
    public void Duplicate_and_empty_headers_get_names_and_an_empty_trailing_column_is_dropped()
    {
        var path = files.Utf8("dupes.csv", "Email;Nom;email;;Email;\na@b.fr;Dupont;c@d.fr;x;e@f.fr;\ng@h.fr;Curie;;;;\n");

        var head = ImportRowReader.ReadHead(path, ImportFileKind.Delimited, Semicolon, 20);

        Assert.Equal(["Email", "Nom", "email (2)", "Colonne 4", "Email (3)"], head.Headers);
        Assert.All(head.Rows, r => Assert.Equal(5, r.Count));
    }

    [Fact]
    public void Excel_reads_the_first_sheet_with_cached_formula_values_and_invariant_numbers_and_dates()
    {
        var path = files.Xlsx("leads.xlsx",
            ["Prénom", "Nom", "Téléphone", "CA", "Créé le", "Nom complet"],
            ["Jean", "Dupont", 33612345678d, 1234.5d, new DateTime(2026, 3, 14), new Formula("A2&\" \"&B2", "Jean Dupont")],
            [],
            ["Marie", "Curie", null, new Formula("D2*2", 2469d), null, new Formula("NOW()", null)]);
        var format = new ImportFormat("utf-8", ',', '"', HasHeader: true);

        var rows = reader.ReadRows(path, ImportFileKind.Excel, format, 0).ToList();

        Assert.Equal(["Prénom", "Nom", "Téléphone", "CA", "Créé le", "Nom complet"], reader.ReadHeaders(path, ImportFileKind.Excel, format));
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Jean", "Dupont", "33612345678", "1234.5", "2026-03-14", "Jean Dupont"], rows[0].Values);
        Assert.Equal(["Marie", "Curie", "", "2469", "", ""], rows[1].Values);
        Assert.Equal([2L, 4L], rows.Select(r => r.LineNumber));
    }
}
