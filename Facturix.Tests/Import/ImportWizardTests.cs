using System.Text;
using Bunit;
using Facturix.App.Import;
using Facturix.Domain.Import;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>
/// The /import wizard's first steps over scripted import services: the campaign, the file (refused from its size or
/// when it cannot be read) and the reading settings with their preview. Mapping, dry run and start:
/// <see cref="ImportWizardMappingTests"/>.
/// </summary>
public sealed class ImportWizardTests : ImportWizardTest
{
    [Fact]
    public void The_campaign_in_the_address_is_preselected_and_archived_campaigns_are_not_offered()
    {
        var wizard = RenderWizard(Salon.Id);

        wizard.WaitForAssertion(() => Assert.Equal(Salon.Id, _state.CampaignId));
        Assert.Contains("Salon Beta", wizard.Find("[data-testid=import-campaign]").TextContent);
        var offered = Open(wizard.Find("[data-testid=import-campaign]"));
        Assert.Equal(["Relance Alpha · Logivia", "Salon Beta · Logivia"], offered);
    }

    [Fact]
    public void A_linked_campaign_past_the_first_page_of_a_large_agency_is_still_preselected()
    {
        var campaigns = (ListedCampaigns)Services.GetRequiredService<ICampaignService>();
        campaigns.Total = 450; // the page holds the first 200 by name; the link's campaign is further down
        var linked = Guid.NewGuid();
        campaigns.Details = new CampaignDetails(linked, Guid.NewGuid(), "Zénith", "Zeta relance", null, null, null, CampaignState.Active,
            null, null, new TimeOnly(9, 0), new TimeOnly(18, 0), "Europe/Paris", 20, 6, 120, 1,
            new Dictionary<StatusCategory, int> { [StatusCategory.InProgress] = 40 }, true);

        var wizard = RenderWizard(linked);

        wizard.WaitForAssertion(() => Assert.Equal(linked, _state.CampaignId));
        Assert.Contains("Zeta relance", wizard.Find("[data-testid=import-campaign]").TextContent);
        Assert.Equal(1, campaigns.Gets);
    }

    [Fact]
    public void A_campaign_the_person_may_not_import_into_is_not_preselected()
    {
        var wizard = RenderWizard(Guid.NewGuid());

        wizard.WaitForElement("[data-testid=import-campaign]");
        Assert.Null(_state.CampaignId);
        Assert.True(wizard.Find("[data-testid=import-next]").HasAttribute("disabled"));
    }

    [Fact]
    public void The_only_campaign_the_person_may_import_into_is_chosen_for_them()
    {
        ((ListedCampaigns)Services.GetRequiredService<ICampaignService>()).Rows = [Relance, Old, Done]; // Old is archived, Done completed

        var wizard = RenderWizard();

        wizard.WaitForAssertion(() => Assert.Equal(Relance.Id, _state.CampaignId));
        Assert.Contains("Relance Alpha", wizard.Find("[data-testid=import-campaign]").TextContent);
    }

    [Fact]
    public void A_file_over_500_MB_is_refused_from_its_size_before_a_byte_is_read()
    {
        var wizard = RenderWizard(Relance.Id);
        wizard.WaitForAssertion(() => Assert.Equal(Relance.Id, _state.CampaignId));
        var huge = new FakeBrowserFile("vendeur.csv", 600L * 1024 * 1024);

        Choose(wizard, huge);

        var refusal = wizard.Find("[data-testid=import-file-error]");
        Assert.Contains("600 Mo", refusal.TextContent);
        Assert.Contains("500 Mo", refusal.TextContent);
        Assert.True(wizard.Find("[data-testid=import-next]").HasAttribute("disabled"));
        Assert.Equal(0, huge.Opens);
        Assert.Empty(_files.Uploads);

        // Another, acceptable file clears the refusal.
        Choose(wizard, new FakeBrowserFile("clients.csv", 10, new byte[10]));
        Assert.Empty(wizard.FindAll("[data-testid=import-file-error]"));
        Assert.False(wizard.Find("[data-testid=import-next]").HasAttribute("disabled"));
    }

    [Fact]
    public void The_drop_zone_invites_a_file_in_french_names_the_chosen_one_and_forgets_it_when_emptied()
    {
        var wizard = RenderWizard(Relance.Id);
        wizard.WaitForAssertion(() => Assert.Equal(Relance.Id, _state.CampaignId));
        var zone = wizard.Find("[data-testid=import-drop-zone]");
        Assert.Equal("false", zone.GetAttribute("data-chosen"));
        Assert.Contains("Glissez votre fichier ici", zone.TextContent);
        // A file dragged over the zone lights it; leaving puts it back.
        zone.DragEnter();
        Assert.Contains("fx-import-drop--dragging", wizard.Find("[data-testid=import-drop-zone]").ClassName);
        wizard.Find("[data-testid=import-drop-zone]").DragLeave();
        Assert.DoesNotContain("fx-import-drop--dragging", wizard.Find("[data-testid=import-drop-zone]").ClassName);

        Choose(wizard, new FakeBrowserFile("export-hubspot.csv", 3L * 1024 * 1024, new byte[10]));

        Assert.Equal("true", wizard.Find("[data-testid=import-drop-zone]").GetAttribute("data-chosen"));
        var chosen = wizard.Find("[data-testid=import-file-chosen]").TextContent;
        Assert.Contains("export-hubspot.csv", chosen);
        Assert.Contains("3 Mo", chosen);
        Assert.True(_state.FileChosen); // the imports list below stops offering "Choisir un fichier"

        // An emptied input reports no file: the step forgets the old one instead of failing on it.
        Choose(wizard);
        Assert.Equal("false", wizard.Find("[data-testid=import-drop-zone]").GetAttribute("data-chosen"));
        Assert.True(wizard.Find("[data-testid=import-next]").HasAttribute("disabled"));
        Assert.False(_state.FileChosen);
    }

    [Fact]
    public void Uploading_streams_the_file_to_the_chosen_campaign_then_shows_the_detected_reading()
    {
        var wizard = AtFormatStep();

        var upload = Assert.Single(_files.Uploads);
        Assert.Equal((Relance.Id, "clients.csv", 42L), (upload.CampaignId, upload.FileName, upload.DeclaredSize));
        Assert.Equal("Prénom,Nom,Email\n", Encoding.UTF8.GetString(upload.Content));
        Assert.Null(Assert.Single(_files.Previews)); // the detection first
        Assert.Equal(ImportWizardStep.Format, _state.Step);
        Assert.Equal(["Prénom", "Nom", "Email"], wizard.FindAll("[data-testid=import-preview] thead th").Skip(1).Select(h => h.TextContent));
        Assert.Equal(2, wizard.FindAll("[data-testid=import-preview-row]").Count);
        // The field shows the bare choice (a "(détecté)" suffix was cut off in a quarter of the card); the note says it is the guess.
        Assert.Equal(("Virgule ( , )", "Détecté dans le fichier"), FieldAndNote(wizard, "import-delimiter"));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_dropped_and_the_person_stays_on_the_first_step()
    {
        _files.Preview = _ => throw new ImportFileException(ImportFileErrors.Binary, "The file is not text."); // as the reader throws it
        var wizard = RenderWizard(Relance.Id);
        wizard.WaitForAssertion(() => Assert.Equal(Relance.Id, _state.CampaignId));
        Choose(wizard, new FakeBrowserFile("photo.csv", 5, new byte[5]));

        wizard.Find("[data-testid=import-next]").Click();

        wizard.WaitForAssertion(() => Assert.Equal([_files.ImportId], _files.Discarded));
        Assert.Equal(ImportWizardStep.File, _state.Step);
        Assert.Null(_state.Upload);
        Assert.Equal(Relance.Id, _state.CampaignId);
        // The reason stays under the file, which stays shown; "next" waits for another one.
        Assert.Contains("photo.csv", wizard.Find("[data-testid=import-file-chosen]").TextContent);
        Assert.Contains("n'est pas un fichier texte lisible", wizard.Find("[data-testid=import-file-error]").TextContent);
        Assert.True(wizard.Find("[data-testid=import-next]").HasAttribute("disabled"));
        Assert.True(_state.FileChosen);
    }

    [Fact]
    public void Overriding_the_delimiter_reads_the_file_again_and_the_preview_follows()
    {
        _files.Preview = format => format?.Delimiter == ';'
            ? ScriptedImportFiles.Read(format, ["Prénom", "Nom", "Société"], [["Jean", "Dupont", "Acme"], ["Léa", "Martin", "Bolt"], ["Paul", "Roux", "Cime"]])
            : ScriptedImportFiles.Read(format ?? ScriptedImportFiles.Detected, ["Prénom;Nom;Société"], [["Jean;Dupont;Acme"]]);
        var wizard = AtFormatStep();
        Assert.Equal("1", wizard.Find("[data-testid=import-preview]").GetAttribute("data-columns"));

        Pick(wizard, wizard.Find("[data-testid=import-delimiter]"), "Point-virgule ( ; )");

        wizard.WaitForAssertion(() => Assert.Equal("3", wizard.Find("[data-testid=import-preview]").GetAttribute("data-columns")));
        Assert.Equal(ScriptedImportFiles.Detected with { Delimiter = ';' }, _files.Previews.Last());
        Assert.Equal(3, wizard.FindAll("[data-testid=import-preview-row]").Count);
        Assert.Equal(["Prénom", "Nom", "Société"], wizard.FindAll("[data-testid=import-preview] thead th").Skip(1).Select(h => h.TextContent));
        Assert.Equal(("Point-virgule ( ; )", "Détecté\u00A0: Virgule ( , )"), FieldAndNote(wizard, "import-delimiter"));

        // The mapping is proposed for the format the person settled on.
        wizard.Find("[data-testid=import-next]").Click();
        wizard.WaitForAssertion(() => Assert.Equal(ScriptedImportFiles.Detected with { Delimiter = ';' }, Assert.Single(_files.Proposals)));
    }

    [Fact]
    public void A_reading_the_file_refuses_stays_selected_and_blocks_the_next_step()
    {
        _files.Preview = format => format?.Encoding == "utf-16"
            ? throw new ImportFileException(ImportFileErrors.Binary, "Not text in UTF-16.") // as the reader throws it
            : ScriptedImportFiles.Read(format ?? ScriptedImportFiles.Detected, ["A"], [["1"]]);
        var wizard = AtFormatStep();

        Pick(wizard, wizard.Find("[data-testid=import-encoding]"), "UTF-16");

        wizard.WaitForAssertion(() => Assert.True(wizard.Find("[data-testid=import-next]").HasAttribute("disabled")));
        Assert.Equal("utf-16", wizard.Find("[data-testid=import-encoding]").GetAttribute("data-value"));
        // The reason stays on the step (not a passing toast) until a choice reads the file.
        Assert.Contains("n'est pas un fichier texte lisible", wizard.Find("[data-testid=import-format-error]").TextContent);

        Pick(wizard, wizard.Find("[data-testid=import-encoding]"), "UTF-8 (détecté)");
        wizard.WaitForAssertion(() => Assert.False(wizard.Find("[data-testid=import-next]").HasAttribute("disabled")));
        Assert.Empty(wizard.FindAll("[data-testid=import-format-error]"));
    }

    /// <summary>A format select's shown value and the note under it (the element its input is described by).</summary>
    private static (string Field, string Note) FieldAndNote(IRenderedComponent<ImportWizard> wizard, string testId)
    {
        var input = wizard.Find($"[data-testid={testId}]");
        return (input.GetAttribute("value")!, wizard.Find($"#{input.GetAttribute("aria-describedby")}").TextContent.Trim());
    }
}
