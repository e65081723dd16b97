namespace Facturix.Domain.Users;

/// <summary>One signed-in browser of a person, as they or an admin see it.</summary>
public sealed record SessionSummary(
    Guid Id,
    Guid UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset AbsoluteExpiresAt,
    string? ClientIp,
    string? UserAgent);

/// <summary>
/// Server-side sessions (decision 0013): one's own with any active account, anyone else's in scope with
/// <see cref="Capability.UsersManage"/>. Each revocation is audited (<c>session.revoked</c>) and announces
/// <c>AccessChanged</c>, so that person's open tabs check their session at once and go to sign-in.
/// </summary>
public interface ISessionService
{
    /// <summary>The live sessions of <paramref name="userId"/>, most recently used first.</summary>
    Task<IReadOnlyList<SessionSummary>> ListAsync(Actor actor, Guid userId, CancellationToken ct = default);

    /// <summary>Signs one browser out. NotFound when the session is already gone.</summary>
    Task EndAsync(Actor actor, Guid sessionId, CancellationToken ct = default);

    /// <summary>Signs <paramref name="userId"/> out everywhere; returns how many sessions ended.</summary>
    Task<int> EndAllAsync(Actor actor, Guid userId, CancellationToken ct = default);
}
