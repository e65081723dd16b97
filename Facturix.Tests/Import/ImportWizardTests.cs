using System.Text;
using AngleSharp.Dom;
using Bunit;
using Facturix.App.Import;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>The /import wizard over scripted import services: each step's own logic, in the order a person meets it.</summary>
public sealed class ImportWizardTests : ShellTestContext
{
    private static readonly CampaignRow Relance = Row("Relance Alpha", CampaignState.Active);
    private static readonly CampaignRow Salon = Row("Salon Beta", CampaignState.Paused);
    private static readonly CampaignRow Old = Row("Ancienne", CampaignState.Archived);

    private readonly ScriptedImportFiles _files;
    private readonly ScriptedImports _imports;
    private readonly ImportWizardState _state = new();

    public ImportWizardTests() : this(new ScriptedImportFiles(), new ScriptedImports()) { }

    private ImportWizardTests(ScriptedImportFiles files, ScriptedImports imports) : base(services => services
        .AddSingleton<IImportFiles>(files)
        .AddSingleton<IImportService>(imports)
        .AddSingleton<ICampaignService>(new ListedCampaigns(Relance, Salon, Old)))
    {
        (_files, _imports) = (files, imports);
        SignIn(Roles.Manager);
    }

    private static CampaignRow Row(string name, CampaignState state) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(), "Logivia", state, null, null, 0, false);

    /// <summary>The host around the wizard: popovers (select lists) and toasts render there, outside the wizard.</summary>
    private IRenderedComponent<ImportHost> _host = default!;

    private IRenderedComponent<ImportWizard> RenderWizard(Guid? preselect = null)
    {
        var host = _host = Render<ImportHost>(p => p.AddChildContent<ImportWizard>(w => w
            .Add(x => x.State, _state).Add(x => x.PreselectCampaign, preselect)));
        return host.FindComponent<ImportWizard>();
    }

    private IReadOnlyList<string> Open(IElement hook)
    {
        (hook.Closest(".mud-input-control") ?? hook).MouseDown();
        return _host.WaitForElements(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToList();
    }

    private void Pick(IRenderedComponent<ImportWizard> wizard, IElement hook, string item)
    {
        (hook.Closest(".mud-input-control") ?? hook).MouseDown();
        _host.WaitForElements(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == item).Click();
    }

    private IEnumerable<string?> Toasts() => _host.FindAll("[data-testid=toast]").Select(t => t.GetAttribute("data-severity"));

    private static void Choose(IRenderedComponent<ImportWizard> wizard, IBrowserFile file)
    {
        var input = wizard.FindComponent<InputFile>();
        wizard.InvokeAsync(() => input.Instance.OnChange.InvokeAsync(new InputFileChangeEventArgs([file]))).GetAwaiter().GetResult();
    }

    /// <summary>Step 1 done with a small file: the wizard is on the reading step.</summary>
    private IRenderedComponent<ImportWizard> AtFormatStep()
    {
        var wizard = RenderWizard(Relance.Id);
        wizard.WaitForAssertion(() => Assert.Equal(Relance.Id, _state.CampaignId));
        Choose(wizard, new FakeBrowserFile("clients.csv", 42, Encoding.UTF8.GetBytes("Prénom,Nom,Email\n")));
        wizard.Find("[data-testid=import-next]").Click();
        wizard.WaitForElement("[data-testid=import-step-format]");
        return wizard;
    }

    private IRenderedComponent<ImportWizard> AtMappingStep()
    {
        var wizard = AtFormatStep();
        wizard.Find("[data-testid=import-next]").Click();
        wizard.WaitForAssertion(() => Assert.NotEmpty(wizard.FindAll("[data-testid=mapping-row]")));
        return wizard;
    }

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
    public void A_campaign_the_person_may_not_import_into_is_not_preselected()
    {
        var wizard = RenderWizard(Guid.NewGuid());

        wizard.WaitForElement("[data-testid=import-campaign]");
        Assert.Null(_state.CampaignId);
        Assert.True(wizard.Find("[data-testid=import-next]").HasAttribute("disabled"));
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
        Assert.Equal("Virgule ( , ) (détecté)", wizard.Find("[data-testid=import-delimiter]").TextContent.Trim());
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_dropped_and_the_person_stays_on_the_first_step()
    {
        _files.Preview = _ => throw new FacturixValidation("import.file.binary");
        var wizard = RenderWizard(Relance.Id);
        wizard.WaitForAssertion(() => Assert.Equal(Relance.Id, _state.CampaignId));
        Choose(wizard, new FakeBrowserFile("photo.csv", 5, new byte[5]));

        wizard.Find("[data-testid=import-next]").Click();

        wizard.WaitForAssertion(() => Assert.Equal([_files.ImportId], _files.Discarded));
        Assert.Equal(ImportWizardStep.File, _state.Step);
        Assert.Null(_state.Upload);
        Assert.Equal(Relance.Id, _state.CampaignId);
        Assert.NotEmpty(Toasts());
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

        // The mapping is proposed for the format the person settled on.
        wizard.Find("[data-testid=import-next]").Click();
        wizard.WaitForAssertion(() => Assert.Equal(ScriptedImportFiles.Detected with { Delimiter = ';' }, Assert.Single(_files.Proposals)));
    }

    [Fact]
    public void A_reading_the_file_refuses_stays_selected_and_blocks_the_next_step()
    {
        _files.Preview = format => format?.Encoding == "utf-16"
            ? throw new FacturixValidation("import.file.encoding")
            : ScriptedImportFiles.Read(format ?? ScriptedImportFiles.Detected, ["A"], [["1"]]);
        var wizard = AtFormatStep();

        Pick(wizard, wizard.Find("[data-testid=import-encoding]"), "UTF-16");

        wizard.WaitForAssertion(() => Assert.True(wizard.Find("[data-testid=import-next]").HasAttribute("disabled")));
        Assert.Equal("utf-16", wizard.Find("[data-testid=import-encoding]").GetAttribute("data-value"));
        Assert.NotEmpty(Toasts());
    }

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
    public void Cancelling_discards_the_draft_and_starts_over_with_the_same_campaign()
    {
        var wizard = AtMappingStep();

        wizard.Find("[data-testid=import-cancel]").Click();

        wizard.WaitForElement("[data-testid=import-step-file]");
        Assert.Equal([_files.ImportId], _files.Discarded);
        Assert.Null(_state.Upload);
        Assert.Equal(Relance.Id, _state.CampaignId);
    }

    /// <summary>A validation refusal with one error code, as the file reader throws it.</summary>
    private sealed class FacturixValidation(string code) : FluentValidation.ValidationException(
        [new FluentValidation.Results.ValidationFailure("File", code) { ErrorCode = code }]);
}
