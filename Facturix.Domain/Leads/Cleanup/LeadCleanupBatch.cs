namespace Facturix.Domain.Leads.Cleanup;

/// <summary>
/// One applied enrichment (backlog 2.3.5): every field it changed with the value before, so it can be undone.
/// A later edit of the same field wins over an undo (the undo skips fields that no longer hold the applied value).
/// </summary>
public sealed class LeadCleanupBatch
{
    public Guid Id { get; set; }
    public Guid ActorId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int LeadCount { get; set; }
    /// <summary>JSON list of the changes: lead id, field, before, after.</summary>
    public required string Changes { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
    public Guid? UndoneById { get; set; }
}
