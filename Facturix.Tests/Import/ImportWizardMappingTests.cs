using Bunit;
using Facturix.Domain.Import;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>
/// The /import wizard's last steps over scripted import services: the column mapping, the duplicate policy, the dry
/// run and its examples, starting the import, and cancelling the draft.
/// </summary>
public sealed class ImportWizardMappingTests : ImportWizardTest
{
    [Fact]
    public void One_mapping_row_per_column_with_its_field_and_the_saved_mapping_badge()
    {
        _files.Proposal = _files.Proposal with { FromSavedMapping = true };
        var wizard = AtMappingStep();

        var rows = wizard.FindAll("[data-testid=mapping-row]");
        Assert.Equal(["Prénom", "Nom", "Email"], rows.Select(r => r.GetAttribute("data-column")));
        Assert.Equal(["FirstName", "LastName", "Email"], rows.Select(r => r.GetAttribute("data-field")));
        Assert.Contains("jean@exemple.fr", rows[2].TextContent); // examples from the preview
        Assert.NotNull(wizard.Find("[data-testid=import-mapping-saved]"));
        // Each field select is named for its column to a screen reader, without a visible label repeating the row's header.
        var email = wizard.Find("[data-testid=mapping-row][data-column=Email] [data-testid=mapping-field]");
        Assert.Equal("Champ pour «\u00A0Email\u00A0»", email.GetAttribute("aria-label"));
        Assert.Empty(wizard.FindAll("[data-testid=mapping-row][data-column=Email] label"));

        Pick(wizard, wizard.Find("[data-testid=mapping-row][data-column=Email] [data-testid=mapping-field]"), "Ignorer");

        wizard.WaitForAssertion(() => Assert.Equal("Ignore", wizard.Find("[data-testid=mapping-row][data-column=Email]").GetAttribute("data-field")));
    }

    [Fact]
    public void Without_a_saved_mapping_there_is_no_badge()
    {
        var wizard = AtMappingStep();

        Assert.Empty(wizard.FindAll("[data-testid=import-mapping-saved]"));
    }

    [Fact]
    public void A_custom_field_needs_a_name_before_the_dry_run()
    {
        var wizard = AtMappingStep();
        Pick(wizard, wizard.Find("[data-testid=mapping-row][data-column=Nom] [data-testid=mapping-field]"), "Champ personnalisé");
        wizard.WaitForElement("[data-testid=mapping-custom-key]");

        wizard.Find("[data-testid=import-next]").Click();

        Assert.Empty(_imports.DryRuns);
        Assert.Contains("Donnez un nom", wizard.Find("[data-testid=import-step-mapping]").TextContent);

        wizard.Find("input[data-testid=mapping-custom-key], [data-testid=mapping-custom-key] input").Input("Nom de jeune fille");
        wizard.Find("[data-testid=import-next]").Click();

        wizard.WaitForAssertion(() => Assert.Single(_imports.DryRuns));
        var custom = _imports.DryRuns[0].Columns.Single(c => c.Header == "Nom");
        Assert.Equal((ImportField.Custom, "Nom de jeune fille"), (custom.Field, custom.CustomKey));
    }

    [Fact]
    public void The_duplicate_policy_and_the_mapping_go_to_the_dry_run()
    {
        var wizard = AtMappingStep();
        Assert.Equal("Skip", wizard.Find("[data-testid=import-policy]").GetAttribute("data-value"));

        wizard.Find("[data-testid=import-policy-update]").Click();
        wizard.WaitForAssertion(() => Assert.Equal(DuplicatePolicy.Update, _state.Policy));
        wizard.Find("[data-testid=import-next]").Click();

        wizard.WaitForAssertion(() => Assert.Single(_imports.DryRuns));
        var settings = _imports.DryRuns[0];
        Assert.Equal(DuplicatePolicy.Update, settings.DuplicatePolicy);
        Assert.Equal(ScriptedImportFiles.Detected, settings.Format);
        Assert.Equal([ImportField.FirstName, ImportField.LastName, ImportField.Email], settings.Columns.Select(c => c.Field));
    }

    [Fact]
    public void The_dry_run_shows_each_count_and_examples_then_start_opens_the_progress_page()
    {
        _imports.DryRun = new ImportDryRun(10, 6, 1, 2, 1,
            [new ImportExampleRow(2, ["Jean", "Dupont", "jean@exemple.fr"], null)], [],
            [new ImportExampleRow(4, ["Léa", "Martin", "lea@exemple.fr"], null)],
            [new ImportExampleRow(7, ["", "", "pas-un-email"], "invalid")]);
        var wizard = AtMappingStep();
        wizard.Find("[data-testid=import-next]").Click();
        wizard.WaitForElement("[data-testid=import-step-dry-run]");

        var counts = wizard.Find("[data-testid=import-dry-run]");
        Assert.Equal(("10", "6", "1", "2", "1"), (counts.GetAttribute("data-total"), counts.GetAttribute("data-new"),
            counts.GetAttribute("data-updated"), counts.GetAttribute("data-duplicates"), counts.GetAttribute("data-rejected")));
        Assert.Equal(["new", "duplicates", "rejected"], wizard.FindAll("[data-testid=import-examples]").Select(e => e.GetAttribute("data-kind")));
        var rejected = wizard.Find("[data-testid=import-examples][data-kind=rejected] [data-testid=import-example]");
        Assert.Equal("7", rejected.GetAttribute("data-line"));
        Assert.Contains("pas-un-email", rejected.TextContent);
        Assert.DoesNotContain("invalid", rejected.QuerySelector(".fx-import-reason")!.TextContent); // the message, not the code
        Assert.Empty(_imports.Starts);

        wizard.Find("[data-testid=import-start]").Click();

        wizard.WaitForAssertion(() => Assert.Single(_imports.Starts));
        Assert.Equal(_files.ImportId, _imports.Starts[0].ImportId);
        Assert.EndsWith($"/import/{_files.ImportId}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void A_refused_mapping_proposal_offers_Retry_and_the_table_comes_with_it()
    {
        _files.ProposalFailing = true;
        var wizard = AtFormatStep();
        wizard.Find("[data-testid=import-next]").Click();

        var failed = wizard.WaitForElement("[data-testid=import-mapping-failed]");
        Assert.Empty(wizard.FindAll("[data-testid=mapping-row]"));
        _files.ProposalFailing = false;
        failed.QuerySelector("[data-testid=load-retry]")!.Click();

        wizard.WaitForAssertion(() => Assert.Equal(3, wizard.FindAll("[data-testid=mapping-row]").Count));
        Assert.Equal(2, _files.Proposals.Count);
    }

    [Fact]
    public void Cancelling_asks_first_then_discards_the_draft_and_starts_over_with_the_same_campaign()
    {
        var wizard = AtMappingStep();

        wizard.Find("[data-testid=import-cancel]").Click();
        Host.WaitForElement("[data-testid=confirm-cancel]").Click();
        Assert.Empty(_files.Discarded);
        Assert.Empty(wizard.FindAll("[data-testid=import-step-file]"));

        wizard.Find("[data-testid=import-cancel]").Click();
        Assert.Contains("clients.csv", Host.WaitForElement("[data-testid=confirm-dialog]").TextContent);
        Host.Find("[data-testid=confirm-ok]").Click();

        wizard.WaitForElement("[data-testid=import-step-file]");
        Assert.Equal([_files.ImportId], _files.Discarded);
        Assert.Null(_state.Upload);
        Assert.Equal(Relance.Id, _state.CampaignId);
    }
}
