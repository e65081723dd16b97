using Bunit;
using Facturix.App.Import;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>The import list (ten a page): who imported what and when, live, its empty state, and paging as imports leave it.</summary>
public sealed class ImportListTests : ShellTestContext
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private readonly ScriptedImports _imports;

    public ImportListTests() : this(new ScriptedImports()) { }

    private ImportListTests(ScriptedImports imports) : base(services => services.AddSingleton<IImportService>(imports))
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

    [Fact]
    public async Task The_list_shows_who_imported_what_and_when_and_follows_imports_live()
    {
        var first = Import(0) with { State = ImportState.Running, TotalRows = 100, RowsRead = 10, Created = 0 };
        _imports.Listed = [first];
        var host = Render<ImportHost>(p => p.AddChildContent<ImportList>(c => c.Add(x => x.CampaignId, CampaignId)));
        var events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
        var list = host.FindComponent<ImportList>();

        var row = list.WaitForElement("[data-testid=import-row]");
        Assert.Equal(("Running", first.Id.ToString()), (row.GetAttribute("data-state"), row.GetAttribute("data-import-id")));
        Assert.Contains("Camille Martin", list.Markup);
        Assert.Equal("0 importé · 0 mis à jour · 0 doublon · 0 rejetée", Normalized(list.Find("[data-testid=import-list-figures]").TextContent));
        Assert.Equal(CampaignId, _imports.Lists.Last().CampaignId);

        _imports.Listed = [first with { State = ImportState.Completed, RowsRead = 100 }];
        await list.InvokeAsync(() => events.RaiseAsync(new ImportProgressed(first.Id, CampaignId, UserId, 100, 100, 0, "Completed")));

        list.WaitForAssertion(() => Assert.Equal("Completed", list.Find("[data-testid=import-row]").GetAttribute("data-state")));
        _imports.Listed = [first with { State = ImportState.Completed, RowsRead = 100, Created = 1_500, Duplicates = 1, Rejected = 2 }];
        await list.InvokeAsync(() => events.RaiseAsync(new ImportProgressed(first.Id, CampaignId, UserId, 100, 1_500, 2, "Completed")));
        // The list refreshes at most once a second (its LiveRefresh interval), so this second change lands a second later.
        list.WaitForAssertion(() => Assert.Equal("1\u202F500 importés · 0 mis à jour · 1 doublon · 2 rejetées",
            Normalized(list.Find("[data-testid=import-list-figures]").TextContent)), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_empty_list_offers_the_file_pick_only_while_the_wizard_shows_its_file_input(bool onFileStep)
    {
        _imports.Listed = [];
        var host = Render<ImportHost>(p => p.AddChildContent<ImportList>(c => c
            .Add(x => x.CampaignId, CampaignId)
            .Add(x => x.OfferFilePick, onFileStep)));
        var list = host.FindComponent<ImportList>();

        list.WaitForElement("[data-testid=import-list-empty]");
        Assert.Equal(onFileStep ? 1 : 0, list.FindAll("[data-testid=import-list-empty-action]").Count);
        Assert.Empty(list.FindAll(".mud-table-pagination > *")); // no "0-0 of 0" pager under the empty state
    }

    private static List<string> Files(IRenderedComponent<ImportList> list) =>
        list.FindAll("[data-testid=import-row]").Select(a => a.TextContent.Trim()).ToList();

    /// <summary>The figures' text with its no-break spaces (each figure keeps its line) read as spaces.</summary>
    private static string Normalized(string text) => text.Trim().Replace('\u00A0', ' ');
}
