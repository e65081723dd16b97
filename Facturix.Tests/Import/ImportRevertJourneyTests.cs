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
/// Journey (decision 0086): on an import's result page, a revert that would erase a later change to one of its leads is
/// refused with the message saying why, and its leads stay; a fresh import nobody touched is reverted and its leads go.
/// Both imports run for real in the app (upload and start through the services, as the wizard does: the wizard itself is
/// ImportJourneyTests'), into a campaign of the test's own.
/// </summary>
public sealed class ImportRevertJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly ImportSettings Settings = new(new ImportFormat("utf-8", ';', '"', true),
        [new(0, "Prénom", ImportField.FirstName), new(1, "Nom", ImportField.LastName), new(2, "Société", ImportField.Company), new(3, "Email", ImportField.Email)],
        DuplicatePolicy.Skip);

    [Fact]
    public async Task A_revert_is_refused_once_a_lead_was_edited_and_a_fresh_import_is_reverted()
    {
        var admin = await App.ActorAsync("admin@facturix.local");
        var (campaignId, _) = await AllDayCampaignAsync(0);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var edited = await ImportedAsync(admin, campaignId, $"Gardé{tag}");
        var fresh = await ImportedAsync(admin, campaignId, $"Annulé{tag}");
        // Someone corrects one of the first import's leads afterwards.
        Guid[] kept;
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            kept = await db.Leads.Where(l => l.CampaignId == campaignId && l.Company.StartsWith($"Gardé{tag}")).OrderBy(l => l.Company).Select(l => l.Id).ToArrayAsync();
            var leadId = kept[0];
            var leads = App.Get<ILeadService>();
            var lead = await leads.GetAsync(admin, leadId);
            var input = LeadEditInput.From(lead);
            input.City = "Lyon";
            await leads.UpdateAsync(admin, leadId, input, lead.Version);
        }

        var page = await SignedInPageAsync("admin@facturix.local");
        await page.GotoAsync($"/import/{edited}");
        await RevertAsync(page);
        await Expect(page.Locator("[data-testid=toast][data-severity=warning]")).ToContainTextAsync("ont été modifiés depuis");
        await Expect(page.GetByTestId("import-state")).ToHaveAttributeAsync("data-state", "Completed");

        await page.GotoAsync($"/import/{fresh}");
        await RevertAsync(page);
        await Expect(page.GetByTestId("import-reverted")).ToBeVisibleAsync();

        // The refused import's two leads are in the campaign's list; the reverted one's are gone.
        await page.GotoAsync($"/leads?campaign={campaignId}");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("leads-total")).ToHaveAttributeAsync("data-value", "2");
        await Expect(page.GetByTestId("lead-row")).ToHaveCountAsync(2);
        foreach (var id in kept) await Expect(page.Locator($"[data-testid=lead-row][data-lead-id='{id}']")).ToBeVisibleAsync();
    }

    private async Task RevertAsync(IPage page)
    {
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("import-result")).ToHaveAttributeAsync("data-imported", "2");
        await ClickUntilVisibleAsync(page.GetByTestId("import-revert"), page.GetByTestId("confirm-dialog"));
        await page.GetByTestId("confirm-ok").ClickAsync();
    }

    /// <summary>Two new leads of companies named after <paramref name="company"/>, imported and finished.</summary>
    private async Task<Guid> ImportedAsync(Actor admin, Guid campaignId, string company)
    {
        var csv = "Prénom;Nom;Société;Email\r\n" + string.Concat(Enumerable.Range(1, 2).Select(i =>
            $"Camille;Martin;{company} {i};camille{i}.{Guid.NewGuid():N}@exemple.fr\r\n"));
        var bytes = new UTF8Encoding(true).GetBytes(csv);
        using var content = new MemoryStream(bytes);
        var upload = await App.Get<IImportFiles>().UploadAsync(admin, campaignId, "prospects.csv", bytes.Length, content);
        var imports = App.Get<IImportService>();
        await imports.StartAsync(admin, upload.ImportId, Settings);
        var done = await Eventually.HoldsAsync(() => imports.GetAsync(admin, upload.ImportId),
            i => i.State is not (ImportState.Queued or ImportState.Running), "finished", TimeSpan.FromSeconds(30));
        Assert.Equal((ImportState.Completed, 2L), (done.State, done.Created));
        return upload.ImportId;
    }
}
