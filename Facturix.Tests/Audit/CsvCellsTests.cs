using Facturix.Domain.Audit;

namespace Facturix.Tests.Audit;

public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+33 6 12 34 56 78", "'+33 6 12 34 56 78")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_a_quote(string cell, string expected) =>
        Assert.Equal(expected, CsvCells.Neutralise(cell));

    [Theory]
    [InlineData("Acme SAS")]
    [InlineData("bd1@facturix.local")] // @ in the middle is harmless
    [InlineData("1+1")]
    [InlineData("'already quoted")]
    [InlineData("")]
    public void Ordinary_text_is_left_alone(string cell) => Assert.Equal(cell, CsvCells.Neutralise(cell));

    [Fact]
    public void Null_stays_null() => Assert.Null(CsvCells.Neutralise(null));
}
