using Facturix.App.Dashboard;
using Bunit;
using Facturix.Tests.Support;

namespace Facturix.Tests.Dashboard;

/// <summary>A tile's change against the previous period: up in mint with ▲, down in red with ▼, unchanged neither.</summary>
public sealed class KpiTileTests : ShellTestContext
{
    [Theory]
    [InlineData(0.25, "fx-kpi-tile__change--up", "▲", "+25")]
    [InlineData(-0.5, "fx-kpi-tile__change--down", "▼", "−50")]
    public void A_change_says_which_way_the_figure_moved(double change, string css, string arrow, string text)
    {
        var tile = RenderTile(change);

        var shown = tile.Find("[data-testid=kpi-change]");
        Assert.Contains(css, shown.ClassName);
        Assert.Contains(arrow, shown.TextContent);
        Assert.Contains(text, shown.TextContent);
    }

    /// <summary>1,003 calls against 1,000 read "▲ +0 %": the way follows the whole percentage shown.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(0.003)]
    [InlineData(-0.0049)]
    public void An_unchanged_figure_is_neither_up_nor_down(double change)
    {
        var shown = RenderTile(change).Find("[data-testid=kpi-change]");

        Assert.DoesNotContain("--up", shown.ClassName);
        Assert.DoesNotContain("--down", shown.ClassName);
        Assert.DoesNotContain("▲", shown.TextContent);
        Assert.DoesNotContain("▼", shown.TextContent);
        Assert.Contains("Stable", shown.TextContent);
    }

    /// <summary>.NET writes French percentages with an ordinary space: "25" and "%" could land on two lines.</summary>
    [Theory]
    [InlineData("fr", "+25\u202F% vs période précédente")]
    [InlineData("en", "+25% vs previous period")]
    public void A_change_writes_its_percentage_as_the_reader_does(string culture, string expected)
    {
        UseCulture(culture);

        var shown = RenderTile(0.25).Find("[data-testid=kpi-change]");

        Assert.Equal(expected, shown.TextContent.Replace("▲", "", StringComparison.Ordinal).Trim());
    }

        private IRenderedComponent<KpiTile> RenderTile(double change) => Render<KpiTile>(p => p
        .Add(t => t.TestId, "kpi-calls").Add(t => t.Label, "Appels").Add(t => t.Icon, "").Add(t => t.DisplayValue, "10")
        .Add(t => t.ShowChange, true).Add(t => t.Change, change));
}
