namespace Facturix.Infrastructure.Leads.Bulk;

/// <summary>Tuning of bulk actions (docs/decisions/0037).</summary>
public sealed class LeadBulkOptions
{
    /// <summary>
    /// Up to this many leads a bulk action runs at once, in one transaction; past it, a job runs it in chunks with live
    /// progress. A thousand leads change in well under a second set-based, short enough to hold the person's click.
    /// </summary>
    public int InlineLimit { get; set; } = 1_000;

    /// <summary>Leads per transaction when a job runs the action (progress is saved after each).</summary>
    public int ChunkSize { get; set; } = 500;
}
