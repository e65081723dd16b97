using System.Text.Json;
using Facturix.Domain.Audit;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Users.Sessions;

/// <summary>
/// Ends sessions as part of the caller's write: rows removed, one <c>session.revoked</c> audit event each and
/// <see cref="AccessChanged"/> queued, all committed by the caller's <c>SaveChangesAsync</c> (or none of it).
/// Every path that ends sessions (the session service, deactivation, a password change) goes through here.
/// </summary>
internal static class SessionRevocation
{
    public const string AuditAction = "session.revoked";

    public static async Task<int> StageAsync(
        FacturixDb db, IQueryable<AuthSession> sessions, Guid? actorId, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var ended = await sessions.ToListAsync(ct);
        db.AuthSessions.RemoveRange(ended);
        foreach (var session in ended)
        {
            db.AuditEvents.Add(new AuditEvent
            {
                OccurredAt = now, ActorId = actorId, Action = AuditAction, EntityType = "user", EntityId = session.UserId,
                // The device whose session ended: a revocation is done from a circuit, which has no request of its own.
                Details = JsonSerializer.Serialize(new { session = session.Id, reason, ip = session.ClientIp, userAgent = session.UserAgent }),
            });
        }
        foreach (var userId in ended.Select(s => s.UserId).Distinct())
            db.Publish(new AccessChanged(userId));
        return ended.Count;
    }

    public static Task<int> StageAllOfAsync(FacturixDb db, Guid userId, Guid? actorId, string reason, DateTimeOffset now, CancellationToken ct) =>
        StageAsync(db, db.AuthSessions.Where(s => s.UserId == userId), actorId, reason, now, ct);
}
