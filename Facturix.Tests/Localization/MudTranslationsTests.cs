using Bunit;
using Facturix.App.Localization;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;

namespace Facturix.Tests.Localization;

/// <summary>MudBlazor's own texts (here a data grid's pager) follow the app's language, not only ours.</summary>
public sealed class MudTranslationsTests : ShellTestContext
{
    public MudTranslationsTests() : base(services =>
        services.Replace(ServiceDescriptor.Transient<MudLocalizer, FacturixMudLocalizer>()))
    {
    }

    private IRenderedComponent<MudDataGrid<int>> RenderPagedGrid() =>
        Render<MudDataGrid<int>>(p => p
            .Add(g => g.Items, Enumerable.Range(1, 60).ToList())
            .Add(g => g.RowsPerPage, 25)
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
}
