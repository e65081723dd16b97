using System.Text;
using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Import;

/// <summary>
/// Journey: a manager starts an import and goes on working elsewhere; when it ends, every open page of theirs (here the
/// leads list and, in another browser, the dashboard) shows "your import finished" live, and its "Voir" opens the import's
/// result. The import runs for real in the app (upload and start through the services, as the wizard does: the wizard
/// itself is ImportJourneyTests'), by a manager of the test's own into a campaign of its own.
/// </summary>
public sealed class ImportDoneNoticeJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly ColumnMapping[] Columns =
        [new(0, "Prénom", ImportField.FirstName), new(1, "Nom", ImportField.LastName), new(2, "Société", ImportField.Company), new(3, "Email", ImportField.Email)];

    [Fact]
    public async Task A_manager_working_elsewhere_is_told_their_import_finished_and_opens_its_result_from_the_toast()
    {
        var email = $"import-done-{Guid.NewGuid():N}@test.local";
        var managerId = await App.CreateUserAsync(email, Roles.Manager);
        var (campaignId, _) = await AllDayCampaignAsync(0);
        var admin = await App.ActorAsync("admin@facturix.local");
        var accountId = (await App.Get<ICampaignService>().GetAsync(admin, campaignId)).AccountId;
        await App.Get<IAccountService>().AssignManagerAsync(admin, accountId, managerId);

        var page = await SignedInPageAsync(email, at: "/leads");
        var elsewhere = await SignedInPageAsync(email, at: "/dashboard");

        // Started once both pages are up: an import that ended before a page loaded is not announced there.
        var manager = await App.ActorAsync(email);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var importId = await StartAsync(manager, campaignId,
            $"Camille;Martin;Fini{tag} 1;camille.{tag}@exemple.fr", $"Louise;Petit;Fini{tag} 2;louise.{tag}@exemple.fr", $"Jean;Durand;Fini{tag} 3;pas-un-email");

        var notice = page.Locator($"[data-testid=import-done-toast][data-import-id='{importId}']");
        await Expect(notice).ToHaveTextAsync("«\u00A0prospects.csv\u00A0» importé\u00A0: 2 leads créés, 1 ligne rejetée.");
        await Expect(page.Locator("[data-testid=toast]").Filter(new() { Has = notice })).ToHaveAttributeAsync("data-severity", "success");
        await Expect(elsewhere.Locator($"[data-testid=import-done-toast][data-import-id='{importId}']")).ToBeVisibleAsync();

        // A click lost on the way (a run under full load once left the toast and the page as they were) is clicked again;
        // a click taken closes the toast, so a second one cannot hide a "Voir" that does not navigate.
        await ClickUntilVisibleAsync(page.GetByTestId("import-done-view"), page.GetByTestId("import-result"));

        await page.WaitForURLAsync(url => url.EndsWith($"/import/{importId}", StringComparison.OrdinalIgnoreCase));
        await Expect(page.GetByTestId("import-result")).ToHaveAttributeAsync("data-imported", "2");
        await Expect(page.GetByTestId("import-result")).ToHaveAttributeAsync("data-rejected", "1");
        // The action closed its toast.
        await Expect(page.GetByTestId("import-done-toast")).ToHaveCountAsync(0);
    }

    /// <summary>Prénom;Nom;Société;Email <paramref name="rows"/> uploaded as prospects.csv and started; returns at once.</summary>
    private async Task<Guid> StartAsync(Actor manager, Guid campaignId, params string[] rows)
    {
        var bytes = new UTF8Encoding(true).GetBytes(string.Join("\r\n", ["Prénom;Nom;Société;Email", .. rows]) + "\r\n");
        using var content = new MemoryStream(bytes);
        var upload = await App.Get<IImportFiles>().UploadAsync(manager, campaignId, "prospects.csv", bytes.Length, content);
        await App.Get<IImportService>().StartAsync(manager, upload.ImportId,
            new ImportSettings(new ImportFormat("utf-8", ';', '"', true), Columns, DuplicatePolicy.Skip));
        return upload.ImportId;
    }
}
