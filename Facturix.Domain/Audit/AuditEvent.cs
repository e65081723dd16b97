namespace Facturix.Domain.Audit;

/// <summary>An append-only record of a sensitive change (assignments, deletions, exports, sign-ins), backlog 2.7.5.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? ActorId { get; set; }
    /// <summary>Dotted verb, e.g. "account.created", "lead.status-changed".</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public Guid? EntityId { get; set; }
    /// <summary>Free-form JSON with the before/after values that matter.</summary>
    public string? Details { get; set; }
}
