using System.Text;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Tests.Import;
using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Docs;

/// <summary>
/// Retakes the README's import screenshots (the chosen file, its format, the mapping, the dry run and a finished import) from the real app, with a
/// HubSpot-style export of French leads. <c>Category=Docs</c>, like <see cref="ReadmeScreenshots"/>.
/// </summary>
[Trait("Category", "Docs")]
public sealed class ImportScreenshots(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] Rows =
    [
        "First Name;Last Name;Company Name;Email;Phone Number;City;Country/Region",
        "Sandrine;Deschamps;Boulangerie Fournil & Co;sandrine.deschamps@fournil.fr;01 42 68 53 00;Paris;France",
        "Benjamin;Paul;Atelier Lumière;b.paul@atelier-lumiere.fr;04 78 92 14 21;Lyon;France",
        "Élodie;Garnier;Transports Garnier SAS;elodie@garnier-transports.fr;+33 5 56 01 22 90;Bordeaux;France",
        "Marc;Lefèvre;Cabinet Lefèvre;marc.lefevre@cabinet-lefevre;02 40 11 45 67;Nantes;France",
        "Chloé;Roussel;Menuiserie Roussel;chloe@menuiserie-roussel.fr;03 88 32 76 10;Strasbourg;France",
        ";;;contact@inconnu.fr;;;",
        "Thomas;Bernard;Imprimerie du Centre;t.bernard@imprimerie-centre.fr;02 47 05 33 18;Tours;France",
        "Julie;Moreau;Domaine des Vignes;julie.moreau@domaine-vignes.fr;03 80 22 41 05;Beaune;France",
        "Nicolas;Faure;Garage Faure;nicolas@garage-faure.fr;04 91 54 72 80;Marseille;France",
        "Camille;Girard;Pharmacie Girard;camille.girard@pharmacie-girard.fr;05 61 21 09 44;Toulouse;Belgique",
    ];

    [Fact]
    public async Task The_import_wizard_and_a_finished_import()
    {
        var manager = await App.ActorAsync("manager@facturix.local");
        var campaigns = await App.Get<ICampaignService>().ListAsync(manager, new CampaignQuery(State: CampaignState.Active), new PageRequest());
        var campaign = campaigns.Items.First();
        var file = Path.Combine(Path.GetTempPath(), "export-hubspot-contacts.csv");
        await File.WriteAllTextAsync(file, string.Join("\r\n", Rows) + "\r\n", new UTF8Encoding(true));
        var folder = Path.Combine(ReadmeScreenshots.RepositoryRoot(), "docs", "screenshots");

        var page = await SignedInPageAsync("manager@facturix.local");
        await page.SetViewportSizeAsync(1440, 1000);
        await page.GotoAsync($"/import?campaign={campaign.Id}");
        await WaitInteractiveAsync(page);
        await ImportJourneyTests.ChooseFileAsync(page, file);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "import-file.png"), Animations = ScreenshotAnimations.Disabled });
        await page.GetByTestId("import-next").ClickAsync();
        await Expect(page.GetByTestId("import-preview-row")).ToHaveCountAsync(Rows.Length - 1, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "import-format.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        await page.GetByTestId("import-next").ClickAsync();
        await Expect(page.GetByTestId("mapping-row")).ToHaveCountAsync(7);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "import-mapping.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        await page.GetByTestId("import-next").ClickAsync();
        await Expect(page.GetByTestId("import-dry-run")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "import-dry-run.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        await page.GetByTestId("import-start").ClickAsync();
        await Expect(page.GetByTestId("import-result")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "import-result.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
        File.Delete(file);
    }
}
