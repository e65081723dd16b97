using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using Facturix.App.Localization;
using Facturix.App.Shell;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;

namespace Facturix.Tests.Localization;

/// <summary>MudBlazor's own texts (here a data grid's pager) follow the app's language, not only ours.</summary>
public sealed partial class MudTranslationsTests : ShellTestContext
{
    public MudTranslationsTests() : base(services =>
        services.Replace(ServiceDescriptor.Transient<MudLocalizer, FacturixMudLocalizer>()))
    {
    }

    private IRenderedComponent<MudDataGrid<int>> RenderPagedGrid(int items = 60) =>
        Render<MudDataGrid<int>>(p => p
            .Add(g => g.Items, Enumerable.Range(1, items).ToList())
            .Add(g => g.RowsPerPage, 25)
            .Add(g => g.Culture, CultureInfo.CurrentCulture)
            .Add(g => g.PagerContent, (Microsoft.AspNetCore.Components.RenderFragment)(b =>
            {
                b.OpenComponent<MudDataGridPager<int>>(0);
                b.CloseComponent();
            })));

    [Fact]
    public void The_pager_speaks_french_by_default()
    {
        var grid = RenderPagedGrid();

        Assert.Contains("Lignes par page", grid.Markup);
        Assert.Contains("1-25 sur 60", grid.Markup);
        Assert.DoesNotContain("Rows per page", grid.Markup);
    }

    [Fact]
    public void The_pager_speaks_english_on_request()
    {
        UseCulture("en");

        var grid = RenderPagedGrid();

        Assert.Contains("Rows per page", grid.Markup);
        Assert.Contains("1-25 of 60", grid.Markup);
    }

    [Fact]
    public void The_pager_counts_in_the_page_language()
    {
        // French groups thousands with a narrow no-break space; MudBlazor uses the grid's culture, invariant unless given.
        Assert.Contains("1-25 sur 15\u202F000", RenderPagedGrid(15_000).Markup);

        UseCulture("en");
        Assert.Contains("1-25 of 15,000", RenderPagedGrid(15_000).Markup);
    }

    [Fact]
    public void An_estimated_total_reads_as_one_in_the_pager()
    {
        IRenderedComponent<MudDataGrid<int>> Render(bool estimated) => Render<MudDataGrid<int>>(p => p
            .Add(g => g.Items, Enumerable.Range(1, 15_000).ToList())
            .Add(g => g.RowsPerPage, 25)
            .Add(g => g.Culture, CultureInfo.CurrentCulture)
            .Add(g => g.PagerContent, (Microsoft.AspNetCore.Components.RenderFragment)(b =>
            {
                b.OpenComponent<GridPager<int>>(0);
                b.AddAttribute(1, nameof(GridPager<int>.Total), 15_000);
                b.AddAttribute(2, nameof(GridPager<int>.TotalIsEstimate), estimated);
                b.CloseComponent();
            })));

        Assert.Contains("1-25 sur \u2248\u00A015\u202F000", Render(estimated: true).Markup);
        Assert.Contains("1-25 sur 15\u202F000", Render(estimated: false).Markup);
    }

    [Fact]
    public void Every_data_grid_of_the_app_is_given_the_page_culture()
    {
        var invariant = SourceTree.RazorFiles()
            .Select(file => (File: Path.GetFileName(file), Text: File.ReadAllText(file)))
            .Where(f => GridTag().Matches(f.Text).Any(tag => !tag.Value.Contains("Culture=\"CultureInfo.CurrentCulture\"", StringComparison.Ordinal)))
            .Select(f => f.File)
            .ToList();
        Assert.True(invariant.Count == 0, $"A MudDataGrid without Culture=\"CultureInfo.CurrentCulture\" (its pager counts in invariant digits) in: {string.Join(", ", invariant)}");
    }

    /// <summary>A MudDataGrid's opening tag, attributes included.</summary>
    [GeneratedRegex(@"<MudDataGrid\s[^>]*>")]
    private static partial Regex GridTag();
}
