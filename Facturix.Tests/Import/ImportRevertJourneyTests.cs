using System.Text;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Import;

/// <summary>
/// Journey (decision 0086): on an import's result page, a revert that would erase later work on its leads is refused with
/// the message saying why ("revert the later import first", then "changed since"), and its leads stay; the later import,
/// which nobody touched since, is reverted and its new lead goes. Both imports run for real in the app (upload and start
/// through the services, as the wizard does: the wizard itself is ImportJourneyTests'), into a campaign of the test's own.
/// </summary>
public sealed class ImportRevertJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly ColumnMapping[] Columns =
        [new(0, "Prénom", ImportField.FirstName), new(1, "Nom", ImportField.LastName), new(2, "Société", ImportField.Company), new(3, "Email", ImportField.Email)];

    [Fact]
    public async Task A_revert_is_refused_after_a_later_import_or_an_edit_and_the_untouched_later_import_is_reverted()
    {
        var admin = await App.ActorAsync("admin@facturix.local");
        var (campaignId, _) = await AllDayCampaignAsync(0);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (kept1, kept2) = ($"kept1.{tag}@exemple.fr", $"kept2.{tag}@exemple.fr");
        var first = await ImportedAsync(admin, campaignId, DuplicatePolicy.Skip, 2,
            $"Camille;Martin;Gardé{tag} 1;{kept1}", $"Camille;Martin;Gardé{tag} 2;{kept2}");
        // A later import updates the second of its leads (and brings one of its own); someone corrects the first by hand.
        var later = await ImportedAsync(admin, campaignId, DuplicatePolicy.Update, 1,
            $"Camila;Martin;Gardé{tag} 2;{kept2}", $"Louise;Petit;Annulé{tag};louise.{tag}@exemple.fr");
        Guid[] kept;
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            kept = await db.Leads.Where(l => l.CampaignId == campaignId && l.Company.StartsWith($"Gardé{tag}")).OrderBy(l => l.Company).Select(l => l.Id).ToArrayAsync();
            var leads = App.Get<ILeadService>();
            var lead = await leads.GetAsync(admin, kept[0]);
            var input = LeadEditInput.From(lead);
            input.City = "Lyon";
            await leads.UpdateAsync(admin, kept[0], input, lead.Version);
        }

        var page = await SignedInPageAsync("admin@facturix.local");
        await RevertAsync(page, first);
        await ExpectRefusalAsync(page, "Annulez d'abord l'import plus récent");

        await RevertAsync(page, later);
        await Expect(page.GetByTestId("import-reverted")).ToBeVisibleAsync();

        // The later import is gone; the hand edit still stands in the way.
        await RevertAsync(page, first);
        await ExpectRefusalAsync(page, "ont été modifiés depuis");

        // The refused import's two leads are in the campaign's list; the reverted one's new lead is gone.
        await page.GotoAsync($"/leads?campaign={campaignId}");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("leads-total")).ToHaveAttributeAsync("data-value", "2");
        await Expect(page.GetByTestId("lead-row")).ToHaveCountAsync(2);
        foreach (var id in kept) await Expect(page.Locator($"[data-testid=lead-row][data-lead-id='{id}']")).ToBeVisibleAsync();
    }

    private static async Task RevertAsync(IPage page, Guid importId)
    {
        await page.GotoAsync($"/import/{importId}");
        await WaitInteractiveAsync(page);
        await ClickUntilVisibleAsync(page.GetByTestId("import-revert"), page.GetByTestId("confirm-dialog"));
        await page.GetByTestId("confirm-ok").ClickAsync();
    }

    /// <summary>A refusal is a conflict: a warning toast in the person's language; the import stays as it was.</summary>
    private static async Task ExpectRefusalAsync(IPage page, string words)
    {
        await Expect(page.Locator("[data-testid=toast][data-severity=warning]")).ToContainTextAsync(words);
        await Expect(page.GetByTestId("import-state")).ToHaveAttributeAsync("data-state", "Completed");
        await Expect(page.GetByTestId("import-revert")).ToBeVisibleAsync();
    }

    /// <summary>Prénom;Nom;Société;Email <paramref name="rows"/>, imported to the end; it created <paramref name="created"/> leads.</summary>
    private async Task<Guid> ImportedAsync(Actor admin, Guid campaignId, DuplicatePolicy policy, long created, params string[] rows)
    {
        var bytes = new UTF8Encoding(true).GetBytes(string.Join("\r\n", ["Prénom;Nom;Société;Email", .. rows]) + "\r\n");
        using var content = new MemoryStream(bytes);
        var upload = await App.Get<IImportFiles>().UploadAsync(admin, campaignId, "prospects.csv", bytes.Length, content);
        var imports = App.Get<IImportService>();
        await imports.StartAsync(admin, upload.ImportId, new ImportSettings(new ImportFormat("utf-8", ';', '"', true), Columns, policy));
        var done = await Eventually.HoldsAsync(() => imports.GetAsync(admin, upload.ImportId),
            i => i.State is not (ImportState.Queued or ImportState.Running), "finished", TimeSpan.FromSeconds(30));
        Assert.Equal((ImportState.Completed, created, rows.Length - created), (done.State, done.Created, done.Updated));
        return upload.ImportId;
    }
}
