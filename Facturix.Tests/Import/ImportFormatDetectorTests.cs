using System.Text;
using Facturix.Domain.Import;
using Facturix.Infrastructure.Import;

namespace Facturix.Tests.Import;

public sealed class ImportFormatDetectorTests
{
    private static ImportFormat Detect(byte[] bytes) => ImportFormatDetector.Detect(bytes, headFillsFile: true);

    private static byte[] Bytes(string text, Encoding encoding, bool bom = false) => [.. (bom ? encoding.GetPreamble() : []), .. encoding.GetBytes(text)];

    private const string French = "Prénom;Nom;Société;Ville\r\nÉlodie;Cœur;Crédit à ç;Besançon\r\nJean;Dupont;Café;Orléans\r\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf8_with_or_without_bom(bool bom) =>
        Assert.Equal("utf-8", Detect(Bytes(French, new UTF8Encoding(false), bom)).Encoding);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf16_with_or_without_bom(bool bom)
    {
        var format = Detect(Bytes(French, Encoding.Unicode, bom));

        Assert.Equal("utf-16", format.Encoding);
        Assert.Equal(';', format.Delimiter);
    }

    [Fact]
    public void Latin1_accents_and_windows_1252_oe_read_as_windows_1252()
    {
        var format = Detect(Bytes(French, ImportTestFiles.Windows1252));

        Assert.Equal("windows-1252", format.Encoding);
        Assert.Contains("Cœur", ImportFormatDetector.Decode(Bytes(French, ImportTestFiles.Windows1252), format.Encoding));
    }

    [Fact]
    public void A_utf8_character_cut_by_the_end_of_the_sample_is_still_utf8()
    {
        // The sample ends after the first byte of "ç".
        byte[] cut = [.. Encoding.UTF8.GetBytes("Nom,Ville\nÉlodie,Besan"), 0xC3];

        Assert.Equal("utf-8", ImportFormatDetector.DetectEncoding(cut, headFillsFile: false));
    }

    [Theory]
    [InlineData("Nom,Prénom,Email\nDupont,Jean,j@a.fr\nCurie,Marie,m@c.fr\n", ',')]
    [InlineData("Nom;CA;Effectif\nACME;1234,56;12\nOrange;99,5;3000\n", ';')]
    [InlineData("Nom\tNote\nDupont\tun, deux; trois\nCurie\tquatre\n", '\t')]
    [InlineData("Nom|Ville\nDupont|Paris\nCurie|Lyon\n", '|')]
    [InlineData("Nom,Note\nDupont,\"a;b;c;d\"\nCurie,\"e;f;g\"\n", ',')]
    public void Delimiter_is_the_one_consistent_outside_quotes(string text, char expected) =>
        Assert.Equal(expected, Detect(Encoding.UTF8.GetBytes(text)).Delimiter);

    [Fact]
    public void Single_quotes_are_detected_when_fields_use_them()
    {
        var format = Detect(Encoding.UTF8.GetBytes("'Nom','Ville'\n'Dupont','Paris, France'\n"));

        Assert.Equal('\'', format.Quote);
        Assert.Equal(',', format.Delimiter);
    }

    [Theory]
    [InlineData("Prénom;Nom;Société\nJean;Dupont;ACME\n", true)]
    [InlineData("Client;Remarque\nACME;12\nOrange;3000\n", true)]
    [InlineData("Jean;Dupont;jean@acme.fr\nMarie;Curie;marie@curie.fr\n", false)]
    [InlineData("Jean;Dupont;ACME\nMarie;Curie;Radium\n", false)]
    [InlineData("Email;Nom;Email\na@b.fr;Dupont;c@d.fr\n", true)]
    [InlineData("Dupont;Dupont\nCurie;Marie\n", false)]
    public void Header_row_detection(string text, bool hasHeader) =>
        Assert.Equal(hasHeader, Detect(Encoding.UTF8.GetBytes(text)).HasHeader);

    [Theory]
    [InlineData("sep=;\r\nNom,Prénom;Note\r\nDupont, Jean;un, deux, trois\r\n", ';')]
    [InlineData("SEP=,\nNom;Ville,Pays\nDupont;Paris,FR\n", ',')]
    public void Excel_s_sep_line_names_the_delimiter_whatever_the_counts_say_and_is_not_taken_for_a_header(string text, char expected)
    {
        var format = Detect(Encoding.UTF8.GetBytes(text));

        Assert.Equal(expected, format.Delimiter);
        Assert.True(format.HasHeader);
    }

    [Fact]
    public void A_binary_file_is_refused()
    {
        var zip = new byte[4096];
        new Random(7).NextBytes(zip);
        "PK\u0003\u0004"u8.CopyTo(zip);

        var error = Assert.Throws<ImportFileException>(() => Detect(zip));

        Assert.Equal(ImportFileErrors.Binary, error.Code);
    }
}
