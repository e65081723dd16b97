using Bunit;
using Facturix.App.Components.Layout;
using Facturix.App.Import;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>
/// "Your import finished" (ImportDoneNotice in the main layout): the person who started an import learns on any page
/// that it ended, through a toast with a "Voir" action, live over a scripted <see cref="IImportService"/>.
/// </summary>
public sealed class ImportDoneNoticeTests : ShellTestContext
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private readonly ScriptedImports _imports;
    private InMemoryLiveEvents _events = default!;

    public ImportDoneNoticeTests() : this(new ScriptedImports()) { }

    private ImportDoneNoticeTests(ScriptedImports imports) : base(services => services.AddSingleton<IImportService>(imports))
    {
        _imports = imports;
        SignIn(Roles.Admin);
    }

    /// <summary>The notice's reads of the list, each a copy taken as it read (the double's list is not thread-safe).</summary>
    private IReadOnlyList<ImportListQuery> Reads => [.. _imports.Lists];

    private static ImportSummary Finished(ImportState state, Guid? by = null, long created = 0, long updated = 0, long duplicates = 0,
        long rejected = 0, DateTimeOffset? finishedAt = null) =>
        new(Guid.NewGuid(), CampaignId, "Relance Alpha", "clients.csv", 2048, state, by ?? UserId, "Camille Martin",
            DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(-1), finishedAt ?? DateTimeOffset.UtcNow,
            created + updated + duplicates + rejected, created + updated + duplicates + rejected, created, updated, duplicates, rejected,
            state == ImportState.Failed ? ImportErrors.FileUnreadable : null, false);

    /// <summary>The shell on <paramref name="path"/>, once its notice is listening (it replays what was raised since).</summary>
    private IRenderedComponent<MainLayout> Shell(string path = "/leads")
    {
        var shell = RenderShell(path);
        _events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
        shell.WaitForAssertion(() => Assert.Single(shell.FindComponents<ImportDoneNotice>()));
        return shell;
    }

    /// <summary><paramref name="import"/> ends: it is on the list (newest first), and its terminal event goes out, as the service does.</summary>
    private Task Finish(IRenderedComponent<MainLayout> shell, ImportSummary import)
    {
        Know(import);
        return shell.InvokeAsync(() => _events.RaiseAsync(Ended(import)));
    }

    private void Know(ImportSummary import) => _imports.Listed.Insert(0, import);

    private static ImportProgressed Ended(ImportSummary import) =>
        new(import.Id, import.CampaignId, import.CreatedById, import.RowsRead, import.Created + import.Updated, import.Rejected, import.State.ToString());

    private static IReadOnlyList<AngleSharp.Dom.IElement> Notices(IRenderedComponent<MainLayout> shell) =>
        shell.FindAll("[data-testid=import-done-toast]");

    [Fact]
    public async Task My_import_completing_shows_a_toast_naming_its_counts_whose_action_opens_the_import()
    {
        // Finished before the page loaded: not news, though its event is replayed to the notice (LiveRefresh's load margin).
        var before = Finished(ImportState.Completed, created: 5, finishedAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        Know(before);
        await ((InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>()).RaiseAsync(Ended(before));
        var shell = Shell();
        var import = Finished(ImportState.Completed, created: 990, rejected: 10);

        await Finish(shell, import);

        var notice = shell.WaitForElement("[data-testid=import-done-toast]");
        Assert.Single(Notices(shell));
        // Each read (the replayed event's, then this one's) asks for the person's own imports ended since the page
        // loaded: not the one before it.
        Assert.NotEmpty(Reads);
        Assert.All(Reads, read => Assert.True(read.StartedById == UserId && read.EndedSince > before.FinishedAt, read.ToString()));
        Assert.Equal(import.Id.ToString(), notice.GetAttribute("data-import-id"));
        Assert.Equal("«\u00A0clients.csv\u00A0» importé\u00A0: 990 leads créés, 10 lignes rejetées.", notice.TextContent);
        var toast = notice.Closest("[data-testid=toast]")!;
        Assert.Equal("success", toast.GetAttribute("data-severity"));

        var view = shell.Find("[data-testid=import-done-view]");
        Assert.Equal("Voir", view.TextContent.Trim());
        // Awaited: a click dispatched behind the reload still running would land after the assertion.
        await view.ClickAsync(new MouseEventArgs());
        Assert.EndsWith($"/import/{import.Id}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Another_persons_import_costs_no_read_and_mine_is_read_and_announced_once()
    {
        var shell = Shell();

        await Finish(shell, Finished(ImportState.Completed, by: Guid.NewGuid(), created: 3));
        var mine = Finished(ImportState.Completed, created: 1, updated: 2, duplicates: 1);
        await Finish(shell, mine);

        shell.WaitForAssertion(() => Assert.Single(Notices(shell)));
        Assert.Equal(mine.Id.ToString(), Notices(shell)[0].GetAttribute("data-import-id"));
        // Every count that is not zero, in the singular or the plural (French puts 0 and 1 in the singular).
        Assert.Equal("«\u00A0clients.csv\u00A0» importé\u00A0: 1 lead créé, 2 leads mis à jour, 1 doublon.", Notices(shell)[0].TextContent);
        // One read, for mine: the other person's event was left at the filter.
        Assert.Single(Reads);

        // A later event of mine (a resent one) is not announced again; the next import of mine is.
        await shell.InvokeAsync(() => _events.RaiseAsync(Ended(mine)));
        shell.WaitForAssertion(() => Assert.Equal(2, Reads.Count));
        var next = Finished(ImportState.Failed);
        await Finish(shell, next);

        shell.WaitForAssertion(() => Assert.Equal(2, Notices(shell).Count));
        Assert.Equal([mine.Id.ToString(), next.Id.ToString()], Notices(shell).Select(n => n.GetAttribute("data-import-id")));
    }

    [Fact]
    public async Task Many_of_my_imports_ending_at_once_are_each_announced()
    {
        // Every toast on screen at once (MudBlazor shows 5 by default and queues the rest).
        Services.GetRequiredService<MudBlazor.ISnackbar>().Configuration.MaxDisplayedSnackbars = 30;
        var shell = Shell();
        var imports = Enumerable.Range(1, 25).Select(i => Finished(ImportState.Completed, created: i)).ToList();
        imports.ForEach(Know);

        // In one go, as a campaign's close stops them all in one transaction (more than the list's first page of 20).
        await shell.InvokeAsync(() => Task.WhenAll(imports.Select(i => _events.RaiseAsync(Ended(i)))));

        // 25 snackbars, each re-rendering the stack as it shows: well over bUnit's default second on a busy machine.
        shell.WaitForAssertion(() => Assert.Equal(25, Notices(shell).Count), TimeSpan.FromSeconds(10));
        Assert.Equal(imports.Select(i => i.Id.ToString()).Order(), Notices(shell).Select(n => n.GetAttribute("data-import-id")!).Order());
        // Read together: the first event's reload, and at most one more for the events that arrived during it.
        Assert.InRange(Reads.Count, 1, 2);
    }

    [Fact]
    public async Task An_import_finishing_while_its_own_page_is_shown_is_not_announced_there_nor_later()
    {
        var shownId = Guid.NewGuid();
        var shell = Shell($"/import/{shownId.ToString().ToUpperInvariant()}?from=list");
        // Finished after the page loaded (an older one would be left out anyway).
        var shown = Finished(ImportState.Completed, created: 7) with { Id = shownId };

        await Finish(shell, shown);
        shell.WaitForAssertion(() => Assert.Single(Reads));
        Assert.Empty(Notices(shell));

        // After the reload (on the renderer's dispatcher, like the navigation): leaving the page does not announce it.
        await shell.InvokeAsync(() => Services.GetRequiredService<NavigationManager>().NavigateTo("/leads"));
        var next = Finished(ImportState.Stopped, created: 2);
        await Finish(shell, next);

        shell.WaitForAssertion(() => Assert.Single(Notices(shell)));
        Assert.Equal(next.Id.ToString(), Notices(shell)[0].GetAttribute("data-import-id"));
        Assert.Equal("L'import «\u00A0clients.csv\u00A0» s'est arrêté.", Notices(shell)[0].TextContent);
        Assert.Equal("warning", Notices(shell)[0].Closest("[data-testid=toast]")!.GetAttribute("data-severity"));
    }

    [Fact]
    public async Task An_import_ending_while_the_wizard_takes_the_person_to_its_page_is_not_announced()
    {
        // Start pressed: the wizard is taking the person to the import's page, and the browser has not followed yet.
        var shell = Shell("/import");
        var opening = Finished(ImportState.Completed, created: 6);
        Services.GetRequiredService<ImportOpening>().ImportId = opening.Id;

        await Finish(shell, opening);
        shell.WaitForAssertion(() => Assert.Single(Reads));
        Assert.Empty(Notices(shell));

        // Another import of theirs, still announced there.
        var other = Finished(ImportState.Completed, created: 3);
        await Finish(shell, other);
        shell.WaitForAssertion(() => Assert.Single(Notices(shell)));
        Assert.Equal(other.Id.ToString(), Notices(shell)[0].GetAttribute("data-import-id"));
    }

    [Fact]
    public async Task An_import_being_opened_is_announced_once_the_person_is_elsewhere_than_the_wizard()
    {
        // Started from the wizard, then the person moved on (or reached its page and left it): its end is news again.
        var shell = Shell("/import");
        var opening = Finished(ImportState.Completed, created: 6);
        Services.GetRequiredService<ImportOpening>().ImportId = opening.Id;
        await shell.InvokeAsync(() => Services.GetRequiredService<NavigationManager>().NavigateTo("/leads"));

        await Finish(shell, opening);

        shell.WaitForAssertion(() => Assert.Single(Notices(shell)));
        Assert.Equal(opening.Id.ToString(), Notices(shell)[0].GetAttribute("data-import-id"));
    }

    [Fact]
    public async Task A_failed_import_is_an_error_toast()
    {
        var shell = Shell("/dashboard");
        var failed = Finished(ImportState.Failed);

        await Finish(shell, failed);

        var notice = shell.WaitForElement("[data-testid=import-done-toast]");
        Assert.Equal("L'import «\u00A0clients.csv\u00A0» a échoué.", notice.TextContent);
        Assert.Equal("error", notice.Closest("[data-testid=toast]")!.GetAttribute("data-severity"));
        Assert.Single(shell.FindAll("[data-testid=import-done-view]"));
    }

    [Fact]
    public async Task An_end_missed_while_the_live_events_reconnected_is_announced_when_they_resync()
    {
        var shell = Shell();
        // Ended while the listener was away: its event never reached this circuit.
        var missed = Finished(ImportState.Completed, created: 4);
        Know(missed);

        await shell.InvokeAsync(() => _events.RaiseAsync(new LiveEventsResynced()));

        var notice = shell.WaitForElement("[data-testid=import-done-toast]");
        Assert.Equal(missed.Id.ToString(), notice.GetAttribute("data-import-id"));
        Assert.Equal("«\u00A0clients.csv\u00A0» importé\u00A0: 4 leads créés.", notice.TextContent);
    }

    [Fact]
    public async Task The_toast_speaks_english_to_whoever_reads_english()
    {
        UseCulture("en");
        var shell = Shell();

        await Finish(shell, Finished(ImportState.Completed, created: 1, rejected: 2));

        var notice = shell.WaitForElement("[data-testid=import-done-toast]");
        Assert.Equal("Import of \"clients.csv\" done: 1 lead created, 2 rows rejected.", notice.TextContent);
        Assert.Equal("View", shell.Find("[data-testid=import-done-view]").TextContent.Trim());
    }

    [Fact]
    public void Who_may_not_run_imports_gets_no_notice()
    {
        SignIn(Roles.BusinessDeveloper);

        var shell = RenderShell("/workspace");

        shell.WaitForElement("[data-testid=app-interactive]");
        Assert.Empty(shell.FindComponents<ImportDoneNotice>());
    }
}
