namespace Facturix.Domain.Import;

public enum ImportState
{
    /// <summary>Uploaded; the wizard is still choosing the format and the mapping.</summary>
    Draft,
    /// <summary>Started: waiting for the job.</summary>
    Queued,
    Running,
    Completed,
    Failed,
    /// <summary>Its created leads were removed and its updates rolled back.</summary>
    Reverted,
    /// <summary>
    /// Stopped by a person before the end of the file: the batches committed before stay (a revert removes them), the
    /// batch being written when the stop came is rolled back, the rest of the file is never read.
    /// </summary>
    Stopped,
}

/// <summary>What to do with a row that matches an existing lead of the campaign (by email, E.164 phone or SIREN).</summary>
public enum DuplicatePolicy
{
    Skip,
    Update,
    CreateAnyway,
}

/// <summary>
/// One uploaded file imported into one campaign: the wizard's choices, then the job's progress and checkpoint.
/// The job commits each batch together with <see cref="RowsRead"/> and the counters, so after a crash it resumes by
/// skipping <see cref="RowsRead"/> data rows of the file: nothing lost, nothing doubled.
/// </summary>
public sealed class LeadImport
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    /// <summary>Denormalised from the campaign: saved mappings are per account.</summary>
    public Guid AccountId { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The name the person's file had (shown, never used as a path).</summary>
    public required string FileName { get; set; }
    /// <summary>Where the upload was streamed to, under the configured import directory.</summary>
    public required string StoredPath { get; set; }
    public long SizeBytes { get; set; }
    public ImportFileKind Kind { get; set; }

    /// <summary>JSON of <see cref="ImportSettings"/> (format, mapping, duplicate policy): null while a draft has none.</summary>
    public string? Settings { get; set; }

    public ImportState State { get; set; }
    /// <summary>Data rows in the file when known (counted by the dry run or the job), else null.</summary>
    public long? TotalRows { get; set; }
    /// <summary>Data rows consumed so far: the checkpoint.</summary>
    public long RowsRead { get; set; }
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Duplicates { get; set; }
    public long Rejected { get; set; }
    /// <summary>
    /// Leads this import flagged because their company (SIREN or domain) is already prospected for another client
    /// (lead_cross_client_conflicts, docs/decisions/0041): counted by each batch, so the result can say how many.
    /// </summary>
    public long Flagged { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>
    /// When the current run of the job began: the first start, or the latest resume after a crash or a restart. The rate
    /// and the time left measure from here (docs/decisions/0084): measured from <see cref="StartedAt"/>, the downtime
    /// counted as time spent importing, and a resumed import read far slower than it ran.
    /// </summary>
    public DateTimeOffset? RunStartedAt { get; set; }
    /// <summary><see cref="RowsRead"/> when the current run began (the checkpoint it resumed from; 0 on the first run).</summary>
    public long RowsReadAtRunStart { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>An error code (ErrorCodes) when <see cref="State"/> is Failed.</summary>
    public string? Error { get; set; }
    public DateTimeOffset? RevertedAt { get; set; }
    public Guid? RevertedById { get; set; }
    /// <summary>PostgreSQL xmin: starting or reverting twice at once ends in a conflict.</summary>
    public uint Version { get; set; }
}

/// <summary>A row the import refused: its line in the file, why, and its original values (for the rejects file).</summary>
public sealed class ImportReject
{
    public Guid ImportId { get; set; }
    /// <summary>1-based physical line in the file where the row starts (header included).</summary>
    public long LineNumber { get; set; }
    /// <summary>The error code of the first rule it broke (e.g. <c>import.row.email.invalid</c>).</summary>
    public required string Reason { get; set; }
    /// <summary>The row's cells as read, in file order.</summary>
    public required string[] Values { get; set; }
}

/// <summary>An existing lead the import updated (policy Update), with the values it replaced, so revert can restore them.</summary>
public sealed class ImportLeadUpdate
{
    public Guid ImportId { get; set; }
    public Guid LeadId { get; set; }
    /// <summary>JSON object of the replaced fields (column name → old value).</summary>
    public required string Before { get; set; }
    /// <summary>
    /// When the import wrote the lead (the batch's time, also its <c>updated_at</c> then): a lead whose <c>updated_at</c> is
    /// later was changed since, and a revert would throw that change away (docs/decisions/0086). Null before the column existed.
    /// </summary>
    public DateTimeOffset? WrittenAt { get; set; }
}

/// <summary>A mapping remembered for an account: a later file with the same headers gets it automatically.</summary>
public sealed class ImportMappingTemplate
{
    public Guid AccountId { get; set; }
    /// <summary>The file's headers, folded (lower case, no accents, trimmed) and joined with '\u001f'.</summary>
    public required string HeaderSignature { get; set; }
    /// <summary>JSON of the <see cref="ColumnMapping"/> list.</summary>
    public required string Mapping { get; set; }
    public Guid UpdatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
