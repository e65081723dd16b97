namespace Facturix.Domain.Leads.Bulk;

public enum BulkOperationState
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// A bulk action on leads too large for one request, run by a Quartz job: its progress is stored here (and announced
/// live) so the person who started it, and anyone reopening the list, sees how far it got.
/// </summary>
public sealed class BulkOperation
{
    public Guid Id { get; set; }
    public Guid RequestedById { get; set; }
    /// <summary>Which action ("assign-owner", "change-status", ...).</summary>
    public required string Kind { get; set; }
    public BulkOperationState State { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    /// <summary>JSON of the action's parameters and selection.</summary>
    public required string Parameters { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
