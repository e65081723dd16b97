using Bunit;
using Facturix.App.Import;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>The import list (ten a page) past two pages, when the imports of the page on screen leave it.</summary>
public sealed class ImportListPagingTests : ShellTestContext
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private readonly ScriptedImports _imports;

    public ImportListPagingTests() : this(new ScriptedImports()) { }

    private ImportListPagingTests(ScriptedImports imports) : base(services => services.AddSingleton<IImportService>(imports))
    {
        _imports = imports;
        SignIn(Roles.Admin);
    }

    private static ImportSummary Import(int i) =>
        new(Guid.NewGuid(), CampaignId, "Relance Alpha", $"import-{i:00}.csv", 2048, ImportState.Completed, Guid.NewGuid(), "Camille Martin",
            DateTimeOffset.UtcNow.AddMinutes(-i), null, null, 10, 10, 10, 0, 0, 0, null, false);

    [Fact]
    public async Task When_the_last_page_s_import_leaves_the_list_it_steps_back_to_the_page_before_not_to_the_first()
    {
        _imports.Listed = Enumerable.Range(0, 21).Select(Import).ToList();
        var host = Render<ImportHost>(p => p.AddChildContent<ImportList>());
        var list = host.FindComponent<ImportList>();
        list.WaitForElements("[data-testid=import-row]");
        list.FindAll(".mud-table-pagination-actions button").Last().Click(); // last page: import 20 alone
        list.WaitForAssertion(() => Assert.Equal(["import-20.csv"], Files(list)));

        // It leaves the list (here: removed by the double) as an import of a campaign in scope moves on.
        var gone = _imports.Listed[^1];
        _imports.Listed.Remove(gone);
        await list.InvokeAsync(() => ((InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>())
            .RaiseAsync(new ImportProgressed(gone.Id, CampaignId, UserId, 10, 10, 0, "Completed")));

        // The second page (10 to 19), where the reader was, rather than "no imports" or the first page.
        list.WaitForAssertion(() => Assert.Equal("import-10.csv", Files(list).FirstOrDefault()));
        Assert.Equal(10, Files(list).Count);
        Assert.Empty(list.FindAll("[data-testid=import-list-empty]"));
    }

    private static List<string> Files(IRenderedComponent<ImportList> list) =>
        list.FindAll("[data-testid=import-row]").Select(a => a.TextContent.Trim()).ToList();
}
