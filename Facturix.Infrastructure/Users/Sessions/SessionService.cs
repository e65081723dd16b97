using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Users.Sessions;

internal sealed class SessionService(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : ISessionService
{
    public async Task<IReadOnlyList<SessionSummary>> ListAsync(Actor actor, Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DemandOverAsync(db, actor, userId, ct);
        var now = clock.GetUtcNow();
        return await db.AuthSessions
            .Where(s => s.UserId == userId && s.ExpiresAt > now && s.AbsoluteExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionSummary(s.Id, s.UserId, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.AbsoluteExpiresAt, s.ClientIp, s.UserAgent))
            .ToListAsync(ct);
    }

    public async Task EndAsync(Actor actor, Guid sessionId, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = await db.AuthSessions.Where(s => s.Id == sessionId).Select(s => (Guid?)s.UserId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("session", sessionId);
        await DemandOverAsync(db, actor, userId, ct);
        await SessionRevocation.StageAsync(db, db.AuthSessions.Where(s => s.Id == sessionId), actor.UserId, "ended", clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> EndAllAsync(Actor actor, Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DemandOverAsync(db, actor, userId, ct);
        var ended = await SessionRevocation.StageAllOfAsync(db, userId, actor.UserId, "ended-everywhere", clock.GetUtcNow(), ct);
        // Even with nothing left to end, open tabs re-check (a session may have just expired).
        if (ended == 0) db.Publish(new AccessChanged(userId));
        await db.SaveChangesAsync(ct);
        return ended;
    }

    /// <summary>One's own sessions with any active account; anyone else's only in scope with users.manage.</summary>
    private static async Task DemandOverAsync(FacturixDb db, Actor actor, Guid userId, CancellationToken ct)
    {
        if (userId == actor.UserId)
        {
            actor.DemandActive();
            return;
        }
        actor.Demand(Capability.UsersManage);
        if (!await Scope.Users(db, actor).AnyAsync(u => u.Id == userId, ct))
            throw new NotFoundException("user", userId);
    }
}
