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
    /// <summary>What the target was called when the event happened ("Acme SAS", "bd1@facturix.local"), for reading and filtering.</summary>
    public string? TargetLabel { get; set; }
    /// <summary>JSON <c>{"before": ..., "after": ...}</c> (or other values that matter): see <c>AuditTrail</c>.</summary>
    public string? Details { get; set; }
    /// <summary>The acting person's IP address when the change came from a browser.</summary>
    public string? ClientIp { get; set; }
}
