using Facturix.Domain.Import;

namespace Facturix.App.Import;

/// <summary>The wizard's four steps, in order.</summary>
public enum ImportWizardStep
{
    File,
    Format,
    Mapping,
    DryRun,
}

/// <summary>One column's choice in the mapping step (mutable: the step's selects and text fields bind to it).</summary>
public sealed class MappingChoice(int column, string header, ImportField field, string? customKey)
{
    public int Column { get; } = column;
    public string Header { get; } = header;
    public ImportField Field { get; set; } = field;
    public string? CustomKey { get; set; } = customKey;

    /// <summary>A custom field needs a name; every other choice is complete as it is.</summary>
    public bool IsComplete => Field != ImportField.Custom || !string.IsNullOrWhiteSpace(CustomKey);

    public ColumnMapping ToMapping() =>
        new(Column, Header, Field, Field == ImportField.Custom ? CustomKey?.Trim() : null);
}

/// <summary>
/// What the person chose so far, shared by the wizard's steps. Each step reads what the earlier ones decided and clears
/// what the later ones derived from it (a new format invalidates the mapping, a new mapping the dry run), so going back and
/// changing a choice never shows figures computed from the old one.
/// </summary>
public sealed class ImportWizardState
{
    public ImportWizardStep Step { get; set; } = ImportWizardStep.File;
    public Guid? CampaignId { get; set; }
    /// <summary>A file is picked on step 1 and not sent yet: the imports list below stops offering to pick one.</summary>
    public bool FileChosen { get; set; }
    public ImportUpload? Upload { get; private set; }
    public ImportPreview? Preview { get; private set; }
    /// <summary>The format the preview was read with (the detected one until the person overrides a part).</summary>
    public ImportFormat? Format { get; private set; }
    public IReadOnlyList<MappingChoice> Columns { get; private set; } = [];
    public bool FromSavedMapping { get; private set; }
    /// <summary>The format <see cref="Columns"/> was proposed for: another format (a header row or not) re-proposes it.</summary>
    public ImportFormat? MappedFormat { get; private set; }
    public DuplicatePolicy Policy { get; set; } = DuplicatePolicy.Skip;
    public ImportDryRun? DryRun { get; private set; }

    public void Uploaded(ImportUpload upload)
    {
        Upload = upload;
        Preview = null;
        Format = null;
        Columns = [];
        MappedFormat = null;
        DryRun = null;
    }

    public void Previewed(ImportPreview preview)
    {
        Preview = preview;
        Format = preview.Format;
        DryRun = null;
    }

    public void Mapped(ImportMappingProposal proposal, ImportFormat format)
    {
        Columns = proposal.Columns.Select(c => new MappingChoice(c.Column, c.Header, c.Field, c.CustomKey)).ToList();
        FromSavedMapping = proposal.FromSavedMapping;
        MappedFormat = format;
        DryRun = null;
    }

    public void MappingChanged() => DryRun = null;

    public void DryRunDone(ImportDryRun dryRun) => DryRun = dryRun;

    public ImportSettings ToSettings() =>
        new(Format ?? throw new InvalidOperationException("No format yet"), Columns.Select(c => c.ToMapping()).ToList(), Policy);

    /// <summary>Back to an empty step 1, keeping the campaign (the person will likely import another file into it).</summary>
    public void Reset()
    {
        Step = ImportWizardStep.File;
        FileChosen = false;
        Upload = null;
        Preview = null;
        Format = null;
        Columns = [];
        FromSavedMapping = false;
        MappedFormat = null;
        Policy = DuplicatePolicy.Skip;
        DryRun = null;
    }
}
