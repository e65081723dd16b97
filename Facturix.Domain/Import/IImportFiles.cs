using Facturix.Domain.Users;

namespace Facturix.Domain.Import;

/// <summary>The new import, as stored: the wizard goes on with <see cref="ImportId"/>.</summary>
public sealed record ImportUpload(Guid ImportId, string FileName, long SizeBytes, ImportFileKind Kind);

/// <summary>
/// The file as the wizard shows it with <see cref="Format"/> (detected, or the person's overrides): headers and the first
/// rows (at most 20), already split into cells.
/// </summary>
public sealed record ImportPreview(
    ImportFileKind Kind, ImportFormat Format, ImportFormat Detected, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>The mapping the wizard proposes: remembered for this account and these headers, else guessed from the headers.</summary>
public sealed record ImportMappingProposal(IReadOnlyList<ColumnMapping> Columns, bool FromSavedMapping);

/// <summary>
/// The wizard's first steps (issue 15): store an upload, detect how to read it, preview it, propose a mapping.
/// Every method needs <c>imports.run</c> and the campaign in the actor's scope.
/// </summary>
public interface IImportFiles
{
    /// <summary>
    /// Streams <paramref name="content"/> to disk (never whole in memory) and creates a Draft import for the campaign.
    /// Refuses before storing anything: a declared size over 500 MB, an extension other than .csv .tsv .txt .xlsx, an empty
    /// file; refuses while streaming when the stream turns out larger than 500 MB (the partial file is deleted).
    /// </summary>
    Task<ImportUpload> UploadAsync(Actor actor, Guid campaignId, string fileName, long declaredSize, Stream content, CancellationToken ct = default);

    /// <summary>
    /// Reads the head of the file: detects encoding, delimiter, quote and header row when <paramref name="overrides"/> is
    /// null, else reads with the overrides. Refuses a binary file, a header-only file or one without data rows with a clear
    /// error code.
    /// </summary>
    Task<ImportPreview> PreviewAsync(Actor actor, Guid importId, ImportFormat? overrides, CancellationToken ct = default);

    /// <summary>The saved mapping of the import's account for these headers, else guesses from French/English headers and common exports.</summary>
    Task<ImportMappingProposal> ProposeMappingAsync(Actor actor, Guid importId, ImportFormat format, CancellationToken ct = default);

    /// <summary>Deletes a Draft import and its stored file (the person cancelled the wizard).</summary>
    Task DiscardAsync(Actor actor, Guid importId, CancellationToken ct = default);
}
