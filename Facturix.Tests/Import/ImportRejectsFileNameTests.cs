using Facturix.App.Import;

namespace Facturix.Tests.Import;

/// <summary>The rejects download is named after the person's own file, in their language, accents kept for browsers.</summary>
public sealed class ImportRejectsFileNameTests
{
    [Theory]
    [InlineData("clients.csv", "rejets", "clients-rejets.csv", "clients-rejets.csv")]
    [InlineData("Prospects Île-de-France.xlsx", "rejects", "Prospects__le-de-France-rejects.csv", "Prospects Île-de-France-rejects.csv")]
    [InlineData("\"/évé\".csv", "rejets", "v-rejets.csv", "évé-rejets.csv")]
    [InlineData("###.csv", "rejets", "import-rejets.csv", "###-rejets.csv")]
    public void The_name_keeps_the_file_and_says_rejects_in_the_readers_language(string original, string suffix, string ascii, string utf8)
    {
        var disposition = ImportRejectsEndpoint.Disposition(original, suffix);

        Assert.Equal("attachment", disposition.DispositionType.Value);
        Assert.Equal(ascii, disposition.FileName.Value?.Trim('"'));
        Assert.Equal(utf8, disposition.FileNameStar.Value);
        Assert.DoesNotContain(disposition.ToString(), c => c > 127);
    }
}
