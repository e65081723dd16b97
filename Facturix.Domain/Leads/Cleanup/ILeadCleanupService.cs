using Facturix.Domain.Users;

namespace Facturix.Domain.Leads.Cleanup;

/// <summary>
/// Enrichment helpers (backlog 2.3.5) on ticked leads or on all leads of a campaign matching the list's filters:
/// preview, apply (recorded for undo), undo. <see cref="Capability.LeadsBulk"/> (docs/decisions/0040), within the
/// actor's scope: out-of-scope leads are never read nor written.
/// </summary>
public interface ILeadCleanupService
{
    /// <summary>At most this many changes are listed by a preview; the counts cover them all.</summary>
    const int PreviewLimit = 200;

    /// <summary>What applying would change now: the first <see cref="PreviewLimit"/> changes and the counts per field.</summary>
    Task<LeadCleanupPreviewResult> PreviewAsync(Actor actor, LeadSelection selection, LeadCleanupOptions options, CancellationToken ct = default);

    /// <summary>
    /// Cleans the selection in one transaction (read and written in chunks), re-reading each lead so a value edited
    /// since the preview is evaluated afresh, never overwritten with a stale proposal. Returns the batch (for undo).
    /// <paramref name="progress"/> hears how many leads were processed out of how many.
    /// </summary>
    Task<LeadCleanupApplied> ApplyAsync(Actor actor, LeadSelection selection, LeadCleanupOptions options,
        IProgress<LeadCleanupProgress>? progress = null, CancellationToken ct = default);

    /// <summary>
    /// Writes back the values before the batch where the field still holds the value the batch wrote (a later edit
    /// wins). Only the actor's own batches; a batch undone once cannot be undone again.
    /// </summary>
    Task<LeadCleanupUndone> UndoAsync(Actor actor, Guid batchId, CancellationToken ct = default);

    /// <summary>The actor's most recent batches, newest first.</summary>
    Task<IReadOnlyList<LeadCleanupBatchSummary>> ListRecentAsync(Actor actor, CancellationToken ct = default);
}

/// <summary>The four helpers a person ticks; each covers one or more fields.</summary>
public enum CleanupHelper
{
    /// <summary>Phones to E.164 (national numbers read in the lead's country).</summary>
    Phones,
    /// <summary>Countries to ISO 3166-1 alpha-2 from codes or French or English names.</summary>
    Countries,
    /// <summary>First and last names trimmed and title-cased; company names trimmed.</summary>
    Names,
    /// <summary>Emails trimmed and lower-cased.</summary>
    Emails,
}

/// <summary>Which helpers to run.</summary>
public sealed record LeadCleanupOptions(IReadOnlySet<CleanupHelper> Helpers)
{
    public static LeadCleanupOptions All { get; } = new(Enum.GetValues<CleanupHelper>().ToHashSet());

    public static LeadCleanupOptions Of(params CleanupHelper[] helpers) => new(helpers.ToHashSet());

    /// <summary>The fields the chosen helpers may change.</summary>
    public IReadOnlySet<LeadField> Fields => Helpers.SelectMany(FieldsOf).ToHashSet();

    public static IEnumerable<LeadField> FieldsOf(CleanupHelper helper) => helper switch
    {
        CleanupHelper.Phones => [LeadField.Phone],
        CleanupHelper.Countries => [LeadField.Country],
        CleanupHelper.Names => [LeadField.FirstName, LeadField.LastName, LeadField.Company],
        CleanupHelper.Emails => [LeadField.Email],
        _ => throw new ArgumentOutOfRangeException(nameof(helper), helper, null),
    };
}

/// <summary>One value a clean-up changes (preview) or changed (batch).</summary>
public sealed record LeadFieldChange(Guid LeadId, string LeadLabel, LeadField Field, string? Before, string? After);

/// <summary>
/// A preview: <see cref="Changes"/> lists at most <see cref="ILeadCleanupService.PreviewLimit"/>; the counts are over
/// every lead of the selection. <see cref="Problems"/> counts values the helpers cannot read (left as they are).
/// </summary>
public sealed record LeadCleanupPreviewResult(
    IReadOnlyList<LeadFieldChange> Changes,
    IReadOnlyDictionary<LeadField, int> ChangesPerField,
    IReadOnlyDictionary<LeadField, int> ProblemsPerField,
    int LeadsScanned,
    int LeadsChanged)
{
    public int TotalChanges => ChangesPerField.Values.Sum();
    public bool IsTruncated => TotalChanges > Changes.Count;
}

public sealed record LeadCleanupProgress(int Done, int Total);

/// <summary>The applied batch: null <see cref="BatchId"/> when nothing needed cleaning (nothing was recorded).</summary>
public sealed record LeadCleanupApplied(Guid? BatchId, int LeadsChanged, IReadOnlyDictionary<LeadField, int> ChangesPerField)
{
    public int TotalChanges => ChangesPerField.Values.Sum();
}

/// <summary>What an undo restored, and how many fields it left because they were edited since.</summary>
public sealed record LeadCleanupUndone(int FieldsRestored, int FieldsSkipped);

public sealed record LeadCleanupBatchSummary(
    Guid Id, DateTimeOffset CreatedAt, int LeadCount, int ChangeCount, DateTimeOffset? UndoneAt);
