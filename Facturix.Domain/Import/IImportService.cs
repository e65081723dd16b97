using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Domain.Import;

/// <summary>An example row of the dry run: its line, its cells, and the reason when rejected.</summary>
public sealed record ImportExampleRow(long LineNumber, IReadOnlyList<string> Values, string? Reason);

/// <summary>What the import would do, computed without writing a lead.</summary>
public sealed record ImportDryRun(
    long TotalRows, long New, long Updated, long Duplicates, long Rejected,
    IReadOnlyList<ImportExampleRow> NewExamples, IReadOnlyList<ImportExampleRow> UpdatedExamples,
    IReadOnlyList<ImportExampleRow> DuplicateExamples, IReadOnlyList<ImportExampleRow> RejectedExamples);

/// <summary>
/// An import as the list and the progress page show it. <see cref="RunStartedAt"/> and <see cref="RowsReadAtRunStart"/>
/// are where the job's current run began (a resume starts a new run): the rate counts only that run's rows and time.
/// <see cref="Flagged"/>: leads the import flagged as prospected for another client too (their company's SIREN or domain).
/// </summary>
public sealed record ImportSummary(
    Guid Id, Guid CampaignId, string CampaignName, string FileName, long SizeBytes, ImportState State,
    Guid CreatedById, string CreatedByName, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long? TotalRows, long RowsRead, long Created, long Updated, long Duplicates, long Rejected, string? Error,
    bool CanRevert, DateTimeOffset? RunStartedAt = null, long RowsReadAtRunStart = 0, long Flagged = 0);

/// <summary>
/// The rejects file's own words, in the language of the person who downloads it: the headers of the two columns it adds
/// (the line number, the reason), and the name of a column when the original header can no longer be read (the file
/// was cleaned up). The App words them from its resources.
/// </summary>
public sealed record ImportRejectsColumns(string Line, string Reason, Func<int, string> Unnamed)
{
    /// <summary>The words of the app's default language.</summary>
    public static ImportRejectsColumns French { get; } = new("Ligne", "Motif", position => $"Colonne {position}");
}

/// <summary>
/// One reason rows were refused, as the result page sums them up: the error code (e.g. <c>import.row.email.invalid</c>),
/// how many rows it refused, and the first of their lines in the file (at most <see cref="IImportService.ReasonLines"/>).
/// </summary>
public sealed record ImportRejectReason(string Reason, long Count, IReadOnlyList<long> FirstLines);

/// <summary>
/// Which imports the list shows: one campaign's, or every campaign in scope; <see cref="StartedById"/> keeps one person's,
/// <see cref="EndedSince"/> only those that ended (completed, failed or stopped) at or after that moment.
/// </summary>
public sealed record ImportListQuery(Guid? CampaignId = null, Guid? StartedById = null, DateTimeOffset? EndedSince = null);

/// <summary>
/// Running imports (issue 15): dry run, start (a Quartz job does the work), progress, list, rejects file, revert.
/// Every method needs <c>imports.run</c> and the import's campaign in the actor's scope.
/// </summary>
public interface IImportService
{
    /// <summary>Validates the settings and reads the whole file without writing a lead: counts and examples of each kind.</summary>
    Task<ImportDryRun> DryRunAsync(Actor actor, Guid importId, ImportSettings settings, CancellationToken ct = default);

    /// <summary>
    /// Saves the settings (and the mapping for the account and these headers), moves the Draft import to Queued and
    /// triggers the import job. Returns at once; progress arrives as <c>ImportProgressed</c> events.
    /// </summary>
    Task StartAsync(Actor actor, Guid importId, ImportSettings settings, CancellationToken ct = default);

    Task<ImportSummary> GetAsync(Actor actor, Guid importId, CancellationToken ct = default);

    /// <summary>Newest first; running and past imports of the campaigns in scope.</summary>
    Task<PagedResult<ImportSummary>> ListAsync(Actor actor, ImportListQuery query, PageRequest page, CancellationToken ct = default);

    /// <summary>
    /// Writes the rejected rows as CSV (UTF-8 with BOM, the file's delimiter): the original header and cells, then the
    /// line number and the localized reason given by <paramref name="describe"/>, under the headers of
    /// <paramref name="columns"/> (<see cref="ImportRejectsColumns.French"/> when null).
    /// </summary>
    Task WriteRejectsAsync(Actor actor, Guid importId, Stream output, Func<string, string> describe, ImportRejectsColumns? columns = null,
        CancellationToken ct = default);

    /// <summary>How many lines of each reason <see cref="RejectReasonsAsync"/> names.</summary>
    const int ReasonLines = 5;

    /// <summary>
    /// Why the import refused rows: one entry per reason, the most frequent first, each with its first lines, so the
    /// result says what to fix in the file without downloading the rejects.
    /// </summary>
    Task<IReadOnlyList<ImportRejectReason>> RejectReasonsAsync(Actor actor, Guid importId, CancellationToken ct = default);

    /// <summary>
    /// Stops a queued or running import (audited): the batches it committed stay and can be reverted, the batch being
    /// written rolls back, the job ends at its next checkpoint. Refused with <see cref="ImportErrors.StateInvalid"/>
    /// for an import that is not queued or running.
    /// </summary>
    Task StopAsync(Actor actor, Guid importId, CancellationToken ct = default);

    /// <summary>
    /// Removes the import's created leads and restores the leads it updated, in one audited transaction. Refused (with a
    /// clear code) when one of those leads has activity since, or while the import is running.
    /// </summary>
    Task RevertAsync(Actor actor, Guid importId, CancellationToken ct = default);
}
