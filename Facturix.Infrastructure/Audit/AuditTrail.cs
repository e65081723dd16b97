using System.Text.Json;
using System.Text.Json.Serialization;
using Facturix.Domain.Audit;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;

namespace Facturix.Infrastructure.Audit;

/// <summary>
/// The one way a service records a sensitive change (backlog 2.7.5), in the same <c>SaveChanges</c> as the change
/// itself, so an audit row exists if and only if the change committed:
/// <code>db.Audit(actor, now, "campaign.status-deleted", "campaign", campaign.Id, campaign.Name, before: new { status.Key }, after: new { movedTo = target.Key });</code>
/// Rows are append-only: the table refuses UPDATE and DELETE (trigger <c>audit_events_append_only</c>).
/// </summary>
internal static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new NulCharacters.JsonConverter() },
    };

    /// <summary>Adds the audit row to <paramref name="db"/>; the caller's <c>SaveChanges</c> writes it.</summary>
    /// <param name="action">Dotted verb, "area.verb-ed": "account.archived", "user.deactivated".</param>
    /// <param name="entityType">The target's kind: "account", "campaign", "user", "role", "audit".</param>
    /// <param name="targetLabel">What a person reading the log recognises the target by (name, email).</param>
    /// <param name="before">Values before the change (an anonymous object), or null.</param>
    /// <param name="after">Values after the change, or null.</param>
    public static AuditEvent Audit(
        this FacturixDb db, Actor actor, DateTimeOffset at, string action, string entityType, Guid? entityId,
        string? targetLabel, object? before = null, object? after = null)
    {
        var row = new AuditEvent
        {
            OccurredAt = at,
            ActorId = actor.UserId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            TargetLabel = TextClip.Clip(targetLabel, 200),
            Details = before is null && after is null ? null : JsonSerializer.Serialize(new { before, after }, Json),
            ClientIp = actor.ClientIp,
        };
        db.AuditEvents.Add(row);
        return row;
    }
}
