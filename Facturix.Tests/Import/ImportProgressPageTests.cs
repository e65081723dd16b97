using System.Globalization;
using Bunit;
using Facturix.App.Import;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>/import/{id} and the import list over a scripted <see cref="IImportService"/>: live progress, result, rejects link, revert.</summary>
public sealed class ImportProgressPageTests : ShellTestContext
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private readonly ScriptedImports _imports;
    private InMemoryLiveEvents _events = default!;
    private IRenderedComponent<ImportHost> _host = default!;

    public ImportProgressPageTests() : this(new ScriptedImports()) { }

    private ImportProgressPageTests(ScriptedImports imports) : base(services => services.AddSingleton<IImportService>(imports))
    {
        _imports = imports;
        SignIn(Roles.Admin);
    }

    private static ImportSummary Summary(Guid id, ImportState state, long read, long? total, long created = 0, long updated = 0,
        long duplicates = 0, long rejected = 0, bool canRevert = false) =>
        new(id, CampaignId, "Relance Alpha", "clients.csv", 2048, state, Guid.NewGuid(), "Camille Martin",
            DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddSeconds(-10), state is ImportState.Completed ? DateTimeOffset.UtcNow : null,
            total, read, created, updated, duplicates, rejected, null, canRevert);

    private IRenderedComponent<ImportProgressPage> RenderPage(Guid id)
    {
        _host = Render<ImportHost>(p => p.AddChildContent<ImportProgressPage>(c => c.Add(x => x.Id, id)));
        _events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
        return _host.FindComponent<ImportProgressPage>();
    }

    [Fact]
    public async Task Progress_follows_the_import_live_and_ignores_other_imports()
    {
        var id = Guid.NewGuid();
        var current = Summary(id, ImportState.Running, 1_000, 4_000, created: 990, rejected: 10);
        _imports.Summary = _ => current;
        var page = RenderPage(id);

        var progress = page.WaitForElement("[data-testid=import-progress]");
        Assert.Equal(("1000", "4000", "Running"), (progress.GetAttribute("data-processed"), progress.GetAttribute("data-total"), progress.GetAttribute("data-state")));
        Assert.Contains("25\u202F%", page.Find("[data-testid=import-rows-read]").TextContent);
        Assert.Contains("lignes/s", page.Find("[data-testid=import-rate]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=import-result]"));
        var reads = _imports.Gets;

        // Another import moving on does not touch this page.
        await page.InvokeAsync(() => _events.RaiseAsync(new ImportProgressed(Guid.NewGuid(), CampaignId, UserId, 9, 9, 0, "Running")));
        Assert.Equal(reads, _imports.Gets);

        current = Summary(id, ImportState.Completed, 4_000, 4_000, created: 3_900, duplicates: 60, rejected: 40);
        await page.InvokeAsync(() => _events.RaiseAsync(new ImportProgressed(id, CampaignId, UserId, 4_000, 3_900, 40, "Completed")));

        page.WaitForAssertion(() => Assert.Equal("4000", page.Find("[data-testid=import-progress]").GetAttribute("data-processed")));
        var result = page.Find("[data-testid=import-result]");
        Assert.Equal(("3900", "60", "40"), (result.GetAttribute("data-imported"), result.GetAttribute("data-duplicates"), result.GetAttribute("data-rejected")));
        Assert.Equal($"/import/{id}/rejects.csv", page.Find("[data-testid=import-rejects-download]").GetAttribute("href"));
        Assert.Equal($"/leads?campaign={CampaignId}&import={id}", page.Find("[data-testid=import-leads-link]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=import-rate]"));
    }

    [Fact]
    public async Task A_first_read_that_lands_after_the_live_reload_of_the_last_event_does_not_put_the_import_back_to_running()
    {
        // The page's first read answers "running" late; meanwhile the import ends and its last event reloads the page.
        var id = Guid.NewGuid();
        var current = Summary(id, ImportState.Running, 1_000, 4_000, created: 1_000);
        _imports.Summary = _ => current;
        var firstRead = _imports.HoldNextGet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = RenderPage(id);

        current = Summary(id, ImportState.Completed, 4_000, 4_000, created: 4_000);
        await page.InvokeAsync(() => _events.RaiseAsync(new ImportProgressed(id, CampaignId, UserId, 4_000, 4_000, 0, "Completed")));
        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=import-progress]").GetAttribute("data-state")));
        // The first read ends the page's parameters step, which renders once more: after it, what stays on screen.
        var renders = page.RenderCount;
        await page.InvokeAsync(firstRead.SetResult);
        page.WaitForAssertion(() => Assert.True(page.RenderCount > renders));

        Assert.Equal(("Completed", "4000"), (page.Find("[data-testid=import-progress]").GetAttribute("data-state"),
            page.Find("[data-testid=import-progress]").GetAttribute("data-processed")));
        Assert.NotEmpty(page.FindAll("[data-testid=import-result]"));
    }

    [Fact]
    public async Task The_tab_title_leads_with_how_far_a_running_import_is_and_drops_it_once_done()
    {
        var id = Guid.NewGuid();
        var current = Summary(id, ImportState.Running, 2_495, 4_000);
        _imports.Summary = _ => current;
        var page = RenderPage(id);
        page.WaitForElement("[data-testid=import-progress]");

        // 62.4 % read: the title says 62, never more than what is read (a rounded 100 would read as done).
        Assert.Equal("62\u202F% · clients.csv · Facturix", Title(page));

        current = Summary(id, ImportState.Completed, 4_000, 4_000, created: 4_000);
        await page.InvokeAsync(() => _events.RaiseAsync(new ImportProgressed(id, CampaignId, UserId, 4_000, 4_000, 0, "Completed")));
        page.WaitForAssertion(() => Assert.Equal("clients.csv · Facturix", Title(page)));
    }

    /// <summary>What the page gives the browser tab: its PageTitle's content, as HeadOutlet would render it.</summary>
    private string Title(IRenderedComponent<ImportProgressPage> page) =>
        Render(page.FindComponent<Microsoft.AspNetCore.Components.Web.PageTitle>().Instance.ChildContent!).Markup.Trim();

    [Theory]
    [InlineData("fr", 3, "3 leads de cet import ont une société déjà prospectée pour un autre client")]
    [InlineData("fr", 1, "1 lead de cet import a une société déjà prospectée pour un autre client")]
    [InlineData("en", 2, "2 leads of this import have a company already prospected for another client")]
    public void The_result_says_how_many_leads_it_flagged_as_prospected_for_another_client(string culture, long flagged, string expected)
    {
        UseCulture(culture);
        var id = Guid.NewGuid();
        _imports.Summary = _ => Summary(id, ImportState.Completed, 5, 5, created: 5) with { Flagged = flagged };
        var page = RenderPage(id);

        var alert = page.WaitForElement("[data-testid=import-flagged]");
        Assert.Contains(expected, alert.TextContent);
        Assert.Equal(flagged.ToString(CultureInfo.InvariantCulture), alert.GetAttribute("data-count"));
    }

    [Theory]
    [InlineData(ImportState.Completed, 0)]
    [InlineData(ImportState.Reverted, 4)]
    public void No_flag_warning_when_none_was_flagged_or_the_import_was_reverted(ImportState state, long flagged)
    {
        var id = Guid.NewGuid();
        _imports.Summary = _ => Summary(id, state, 5, 5, created: 5) with { Flagged = flagged };
        var page = RenderPage(id);

        page.WaitForElement("[data-testid=import-result]");
        Assert.Empty(page.FindAll("[data-testid=import-flagged]"));
    }

    [Fact]
    public void Without_rejected_rows_there_is_nothing_to_download()
    {
        var id = Guid.NewGuid();
        _imports.Summary = _ => Summary(id, ImportState.Completed, 5, 5, created: 5);
        var page = RenderPage(id);

        page.WaitForElement("[data-testid=import-result]");
        Assert.Empty(page.FindAll("[data-testid=import-rejects-download]"));
        Assert.Empty(page.FindAll("[data-testid=import-revert]"));
    }

    [Fact]
    public void The_result_says_why_rows_were_rejected_most_frequent_first_with_their_first_lines()
    {
        var id = Guid.NewGuid();
        _imports.Summary = _ => Summary(id, ImportState.Completed, 1_000, 1_000, created: 990, rejected: 10);
        _imports.Reasons = [new(ImportRowRules.EmailInvalid, 8, [3, 7, 12, 20, 31]), new("import.row.unknown-code", 2, [5, 9])];
        var page = RenderPage(id);

        var rows = page.WaitForElements("[data-testid=import-reject-reason]");
        Assert.Equal([(ImportRowRules.EmailInvalid, "8"), ("import.row.unknown-code", "2")],
            rows.Select(r => (r.GetAttribute("data-reason"), r.GetAttribute("data-count"))));
        // Localized: the e-mail rule in French, an unknown code as the generic message rather than as the code.
        Assert.Contains("e-mail", rows[0].TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("import.row", rows[1].TextContent, StringComparison.Ordinal);
        // Eight rows, five lines listed: the ellipsis says there are more; two of two: none.
        Assert.Equal("3, 7, 12, 20, 31…", rows[0].QuerySelector("[data-testid=import-reject-reason-lines]")!.TextContent);
        Assert.Equal("5, 9", rows[1].QuerySelector("[data-testid=import-reject-reason-lines]")!.TextContent);
    }

    [Fact]
    public void Revert_asks_first_naming_the_counts_and_cancelling_keeps_the_import()
    {
        var id = Guid.NewGuid();
        _imports.Summary = _ => Summary(id, ImportState.Completed, 130, 130, created: 120, updated: 7, rejected: 3, canRevert: true);
        var page = RenderPage(id);

        page.WaitForElement("[data-testid=import-revert]").Click();
        var dialog = _host.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Contains("120 leads créés", dialog.TextContent);
        Assert.Contains("7 leads mis à jour", dialog.TextContent);
        _host.Find("[data-testid=confirm-cancel]").Click();
        Assert.Empty(_imports.Reverts);

        page.Find("[data-testid=import-revert]").Click();
        _host.WaitForElement("[data-testid=confirm-ok]").Click();

        page.WaitForAssertion(() => Assert.Equal([id], _imports.Reverts));
        _host.WaitForAssertion(() => Assert.Contains(_host.FindAll("[data-testid=toast]"), t => t.GetAttribute("data-severity") == "success"));
    }

    [Fact]
    public void Each_figure_agrees_with_its_count_and_the_revert_names_only_what_it_undoes()
    {
        var id = Guid.NewGuid();
        _imports.Summary = _ => Summary(id, ImportState.Completed, 3, 3, created: 1, duplicates: 1, rejected: 1, canRevert: true);
        var page = RenderPage(id);

        page.WaitForElement("[data-testid=import-result]");
        // "1 rejetées" and "Télécharger les 1 lignes rejetées" before: French puts 0 and 1 in the singular.
        Assert.Equal(["importé", "mis à jour", "doublon", "rejetée"], page.FindAll(".fx-import-count__label").Select(l => l.TextContent));
        Assert.Equal("Télécharger la ligne rejetée", page.Find("[data-testid=import-rejects-download]").TextContent.Trim());

        page.Find("[data-testid=import-revert]").Click();
        var dialog = _host.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Contains("1 lead créé sera supprimé.", dialog.TextContent);
        Assert.DoesNotContain("mis à jour", dialog.TextContent);
    }

    [Fact]
    public void Stopping_before_a_lead_is_written_says_none_stays()
    {
        var id = Guid.NewGuid();
        _imports.Summary = _ => Summary(id, ImportState.Running, 0, 1_200);
        var page = RenderPage(id);

        page.WaitForElement("[data-testid=import-stop]").Click();
        var dialog = _host.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Contains("Aucun lead n'a encore été importé.", dialog.TextContent);
        Assert.DoesNotContain("0 lead", dialog.TextContent);
    }

    [Fact]
    public async Task A_running_import_stops_after_asking_and_then_shows_what_stays_with_its_revert()
    {
        var id = Guid.NewGuid();
        var current = Summary(id, ImportState.Running, 600, 1_200, created: 590, rejected: 10);
        _imports.Summary = _ => current;
        var page = RenderPage(id);

        page.WaitForElement("[data-testid=import-stop]").Click();
        var dialog = _host.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Contains("590 leads déjà importés restent", dialog.TextContent);
        _host.Find("[data-testid=confirm-cancel]").Click();
        Assert.Empty(_imports.Stops);

        page.Find("[data-testid=import-stop]").Click();
        _host.WaitForElement("[data-testid=confirm-ok]").Click();
        page.WaitForAssertion(() => Assert.Equal([id], _imports.Stops));

        // The stop is announced live: the page shows what stayed, offers the revert and no longer the stop.
        current = Summary(id, ImportState.Stopped, 600, 1_200, created: 590, rejected: 10, canRevert: true);
        await page.InvokeAsync(() => _events.RaiseAsync(new ImportProgressed(id, CampaignId, UserId, 600, 590, 10, nameof(ImportState.Stopped))));
        page.WaitForElement("[data-testid=import-stopped]");
        Assert.Equal("590", page.Find("[data-testid=import-result]").GetAttribute("data-imported"));
        Assert.Single(page.FindAll("[data-testid=import-revert]"));
        Assert.Empty(page.FindAll("[data-testid=import-stop]"));
        Assert.Equal("Stopped", page.Find("[data-testid=import-state]").GetAttribute("data-state"));
    }

    [Theory]
    [InlineData(0, ImportErrors.FileUnreadable,
        "L'import a échoué et rien n'a été importé\u00a0: Le fichier n'a pas pu être lu avec le format choisi. Rien n'a été importé après l'erreur.")]
    [InlineData(590, ImportErrors.RowsRefused,
        "L'import a échoué en cours de route\u00a0: La base de données a refusé une valeur du fichier et l'import s'est arrêté. "
        + "Les lignes importées avant l'erreur restent\u202f; vous pouvez les annuler.")]
    public void A_failed_import_says_why_and_says_nothing_was_imported_only_when_nothing_was(int created, string error, string expected)
    {
        var id = Guid.NewGuid();
        _imports.Summary = _ => Summary(id, ImportState.Failed, created + 10, 1_200, created: created, rejected: 10, canRevert: created > 0)
            with { Error = error };

        var page = RenderPage(id);

        Assert.Equal(expected, page.WaitForElement("[data-testid=import-error]").TextContent.Trim());
        // What the batches before the error wrote stays: shown, and offered for revert.
        Assert.Equal(created.ToString(), page.Find("[data-testid=import-result]").GetAttribute("data-imported"));
        Assert.Equal(created > 0 ? 1 : 0, page.FindAll("[data-testid=import-revert]").Count);
    }

    [Fact]
    public void A_finished_import_offers_no_stop()
    {
        var id = Guid.NewGuid();
        _imports.Summary = _ => Summary(id, ImportState.Completed, 130, 130, created: 130);
        var page = RenderPage(id);

        page.WaitForElement("[data-testid=import-result]");
        Assert.Empty(page.FindAll("[data-testid=import-stop]"));
    }

    [Fact]
    public void An_import_out_of_scope_reads_as_missing()
    {
        _imports.Summary = id => throw new NotFoundException("import", id);

        var page = RenderPage(Guid.NewGuid());

        page.WaitForElement("[data-testid=import-missing]");
        Assert.Empty(page.FindAll("[data-testid=import-progress]"));
    }

    /// <summary>The figures' text with its no-break spaces (each figure keeps its line) read as spaces.</summary>
    private static string Normalized(string text) => text.Trim().Replace('\u00A0', ' ');
}
