using System.Text;
using Facturix.Domain.Import;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Import;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// The lead import (ADR 0090), in the light and the dark theme: the wizard's four steps (the file step empty, refusing a
/// 0-byte file and holding a chosen one; the format selects and preview; the mapping and the duplicate policy; the dry run
/// with new, duplicate and rejected examples), the import's page once done with rejects, its revert (the confirmation,
/// then the page reverted under the success toast), the import list, an import paused by a shutdown (decision 0093), and a
/// failed and a stopped import's page (their alerts). An admin and a campaign of the test's own per theme; the file is eight rows, one a
/// duplicate of the campaign's lead and two refused, so every kind of count and example is on screen.
/// </summary>
public sealed partial class AccessibilityJourneyTests
{
    [Theory]
    [InlineData(Light)]
    [InlineData(Dark)]
    public async Task The_lead_import_has_no_serious_or_critical_violation_in(string theme)
    {
        var found = new List<string>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var known = $"connu.{tag}@exemple.fr";
        var (campaign, _) = await AllDayCampaignAsync(new JourneyCampaign(ShapeLead: (lead, _) => lead.Email = known), 1);
        var file = await ImportFileAsync(tag, known);
        var empty = Path.Combine(Path.GetTempPath(), $"vide-{tag}.csv");
        await File.WriteAllBytesAsync(empty, []);
        var email = await NewAdminAsync();
        var page = await SignedInInAsync(email, theme);
        Guid? paused = null, failed = null, stopped = null;
        try
        {
            // Step 1 with no file: the campaign preselected, its import list empty (it offers to pick a file).
            await OpenInCircuitAsync(page, $"/import?campaign={campaign}");
            await WaitLoadedAsync(page, theme);
            await Expect(page.GetByTestId("import-list-empty-action")).ToBeVisibleAsync();
            await SweepAsync(page, $"/import, step 1, no file ({theme})", found);
            // axe leaves one-character text out of its contrast verdict: the current step's number on the mint is measured here.
            var number = page.Locator(".fx-import-steps__item--current .fx-import-steps__number");
            var ratio = await number.EvaluateAsync<double>(ContrastScript);
            Assert.True(ratio >= 4.5, $"The current step's number reads at {ratio:0.00}:1 on its fill ({theme})");

            // A 0-byte file: sent, refused, its reason under the drop zone.
            await ImportJourneyTests.ChooseFileAsync(page, empty);
            await page.GetByTestId("import-next").ClickAsync();
            await Expect(page.GetByTestId("import-file-error")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await SweepOpenAsync(page, $"/import, step 1, refused file ({theme})", found);

            // The real file, chosen.
            await ImportJourneyTests.ChooseFileAsync(page, file);
            await Expect(page.GetByTestId("import-file-chosen")).ToContainTextAsync($"clients-{tag}.csv");
            // "Next" turns enabled with the chosen file, its fill blending in over 250 ms: swept once that has begun (a
            // clean-clone run measured it half-way, the render enabling it coming after the file's name).
            await Expect(page.GetByTestId("import-next")).ToBeEnabledAsync();
            await SweepOpenAsync(page, $"/import, step 1, file chosen ({theme})", found);

            // Step 2: the format selects and the preview.
            await page.GetByTestId("import-next").ClickAsync();
            await Expect(page.GetByTestId("import-step-format")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("import-preview-row")).ToHaveCountAsync(8);
            await SweepOpenAsync(page, $"/import, step 2, format ({theme})", found);

            // Step 3: the mapping rows and the duplicate policy.
            await page.GetByTestId("import-next").ClickAsync();
            await Expect(page.GetByTestId("mapping-row")).ToHaveCountAsync(5);
            await Expect(page.GetByTestId("import-policy-skip")).ToBeVisibleAsync();
            await SweepOpenAsync(page, $"/import, step 3, mapping ({theme})", found);

            // Step 4: the dry run, with new, duplicate and rejected examples.
            await page.GetByTestId("import-next").ClickAsync();
            var dryRun = page.GetByTestId("import-dry-run");
            await Expect(dryRun).ToHaveAttributeAsync("data-rejected", "2", new() { Timeout = 30_000 });
            await Expect(dryRun).ToHaveAttributeAsync("data-duplicates", "1");
            await Expect(page.Locator("[data-testid='import-examples'][data-kind='rejected']")).ToBeVisibleAsync();
            await SweepOpenAsync(page, $"/import, step 4, dry run ({theme})", found);

            // The import's page, done with rejects: the result, the rejects download, the revert.
            await ImportJourneyTests.StartAsync(page);
            await Expect(page.GetByTestId("import-progress")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("import-rejects-download")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("import-revert")).ToBeEnabledAsync();
            await WaitLoadedAsync(page, theme);
            await SweepAsync(page, $"/import/{{id}}, completed with rejects ({theme})", found);

            // Reverted: the confirmation, then the page saying so (an info alert) under the success toast.
            await ClickUntilVisibleAsync(page.GetByTestId("import-revert"), page.GetByTestId("confirm-dialog"));
            await SweepOpenAsync(page, $"/import/{{id}}, revert confirmation ({theme})", found);
            await page.GetByTestId("confirm-ok").ClickAsync();
            await Expect(page.GetByTestId("import-reverted")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var reverted = page.Locator("[data-testid='toast'][data-severity='success']");
            await SweepToastAsync(reverted, $"/import/{{id}}, reverted ({theme})", found);
            // A toast stays on screen from page to page inside the circuit, and fading out it would read as lighter colours.
            await DismissToastAsync(reverted);

            // The import list below the wizard, showing it (reverted).
            await OpenInCircuitAsync(page, $"/import?campaign={campaign}");
            await WaitLoadedAsync(page, theme);
            await Expect(page.GetByTestId("import-row")).ToHaveCountAsync(1);
            await SweepAsync(page, $"/import, import list ({theme})", found);

            // An import a shutdown put back in the queue (decision 0093): it says so, and shows no live rate or time left.
            paused = await EndedOrPausedImportAsync(campaign, email, tag);
            await OpenInCircuitAsync(page, $"/import/{paused}");
            await WaitLoadedAsync(page, theme);
            await Expect(page.GetByTestId("import-progress")).ToHaveAttributeAsync("data-state", "Queued");
            var message = page.GetByTestId("import-paused");
            await Expect(message).ToBeVisibleAsync();
            await Expect(message).ToContainTextAsync("Interrompu par l'arrêt de l'application");
            await Expect(page.GetByTestId("import-rate")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("import-time-left")).ToHaveCountAsync(0);
            await SweepAsync(page, $"/import/{{id}}, paused ({theme})", found);

            // An import that failed after committing rows (its error alert), and one its campaign's completion stopped (the
            // warning alert with the reason under it).
            failed = await EndedOrPausedImportAsync(campaign, email, tag, ImportState.Failed, ImportErrors.Interrupted);
            await OpenInCircuitAsync(page, $"/import/{failed}");
            await WaitLoadedAsync(page, theme);
            await Expect(page.GetByTestId("import-error")).ToBeVisibleAsync();
            await SweepAsync(page, $"/import/{{id}}, failed ({theme})", found);
            stopped = await EndedOrPausedImportAsync(campaign, email, tag, ImportState.Stopped, ImportErrors.CampaignCompleted);
            await OpenInCircuitAsync(page, $"/import/{stopped}");
            await WaitLoadedAsync(page, theme);
            await Expect(page.GetByTestId("import-stopped-reason")).ToBeVisibleAsync();
            await SweepAsync(page, $"/import/{{id}}, stopped by its campaign's completion ({theme})", found);
        }
        finally
        {
            File.Delete(file);
            File.Delete(empty);
            foreach (var written in new[] { paused, failed, stopped })
                if (written is { } id) await DeleteImportAsync(id);
        }

        Assert.True(found.Count == 0, $"{found.Count} serious or critical accessibility violation(s):\n{string.Join("\n", found)}");
    }

    /// <summary>WCAG contrast of an element's text colour on its own (opaque) background colour.</summary>
    private const string ContrastScript = """
        element => {
            const style = getComputedStyle(element);
            const luminance = css => {
                const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(v => {
                    const c = Number(v) / 255;
                    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
                });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
            return (a + 0.05) / (b + 0.05);
        }
        """;

    /// <summary>Eight rows: five new, one with the campaign's lead's e-mail (a duplicate), one bad e-mail, one nameless.</summary>
    private static async Task<string> ImportFileAsync(string tag, string known)
    {
        var good = Enumerable.Range(1, 5).Select(i => $"Camille{i};Martin;Access{tag} {i};camille{i}.{tag}@exemple.fr;01 23 45 67 0{i}").ToList();
        string[] lines =
        [
            "Prénom;Nom;Société;Email;Téléphone",
            good[0], good[1],
            $"Jean;Dupont;Ouest{tag};pas-un-email;",
            good[2],
            $"Louise;Bernard;Double{tag};{known};",
            good[3],
            $";;;seul.{tag}@exemple.fr;",
            good[4],
        ];
        var file = Path.Combine(Path.GetTempPath(), $"clients-{tag}.csv");
        await File.WriteAllTextAsync(file, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(true));
        return file;
    }

    /// <summary>
    /// An import paused by a shutdown at row 3 of 8, written directly: Queued with <see cref="ImportErrors.Paused"/>, a run
    /// started a minute ago (so a rate could be computed, were it shown). It has no settings, so the resume job, which
    /// launches paused imports every minute, finds nothing to run and leaves it as it is (LeadImportRunner.RunAsync).
    /// Given another <paramref name="state"/> and <paramref name="error"/>, the same import ended so (finished a moment ago).
    /// </summary>
    private async Task<Guid> EndedOrPausedImportAsync(Guid campaign, string createdBy, string tag,
        ImportState state = ImportState.Queued, string error = ImportErrors.Paused)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        var accountId = await db.Campaigns.Where(c => c.Id == campaign).Select(c => c.AccountId).SingleAsync();
        var import = new LeadImport
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign, AccountId = accountId, CreatedById = (await App.ActorAsync(createdBy)).UserId,
            CreatedAt = now.AddMinutes(-2), FileName = $"pause-{tag}.csv", StoredPath = $"a11y-{tag}-absent.csv", SizeBytes = 400,
            Kind = ImportFileKind.Delimited, State = state, Error = error, TotalRows = 8, RowsRead = 3, Created = 3,
            StartedAt = now.AddMinutes(-1), RunStartedAt = now.AddMinutes(-1), FinishedAt = state == ImportState.Queued ? null : now,
        };
        db.Imports.Add(import);
        await db.SaveChangesAsync();
        return import.Id;
    }

    private async Task DeleteImportAsync(Guid id)
    {
        await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        await db.Imports.Where(i => i.Id == id).ExecuteDeleteAsync();
    }
}
