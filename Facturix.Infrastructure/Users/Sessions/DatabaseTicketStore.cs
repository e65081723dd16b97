using System.Security.Claims;
using System.Security.Cryptography;
using Facturix.Domain.Common;
using Facturix.Infrastructure.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.Users.Sessions;

/// <summary>
/// Server-side sessions for the sign-in cookie (<see cref="CookieAuthenticationOptions.SessionStore"/>): the ticket is
/// kept in <c>auth_sessions</c>, the cookie carries only the row's id. A singleton (the cookie handler holds one), so
/// it opens a short-lived context per call. A session is valid while its row exists, neither expiry has passed and
/// its user is active: deleting the row signs that browser out even if someone copied the cookie.
/// </summary>
internal sealed class DatabaseTicketStore(
    IDbContextFactory<FacturixDb> dbFactory,
    IDataProtectionProvider dataProtection,
    TimeProvider clock,
    IOptions<AuthSessionOptions> options,
    ILogger<DatabaseTicketStore> logger) : ITicketStore, ISessionCheck
{
    private const int MaxUserAgentLength = 512;
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Facturix.AuthSessions.Ticket.v1");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, httpContext: null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        StoreAsync(ticket, httpContext: null, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A sign-in ticket without a user id cannot be stored."));
        var now = clock.GetUtcNow();
        var absolute = now + options.Value.AbsoluteLifetime;
        var session = new AuthSession
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Ticket = Protect(ticket),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = SlideFrom(now, absolute),
            AbsoluteExpiresAt = absolute,
            ClientIp = httpContext?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(httpContext?.Request.Headers.UserAgent.ToString(), MaxUserAgentLength),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The person's own expired sessions go at their next sign-in: the table holds live sessions, give or take.
        await db.AuthSessions.Where(s => s.UserId == userId && (s.ExpiresAt <= now || s.AbsoluteExpiresAt <= now))
            .ExecuteDeleteAsync(cancellationToken);
        db.AuthSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id.ToString();
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    /// <summary>The principal was refreshed (security stamp check): keep the new ticket, never the expiries.</summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(key, out var id)) return;
        var protectedTicket = Protect(ticket);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AuthSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, protectedTicket), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(key, out var id)) return null;
        try
        {
            return await ReadAsync(id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The cookie handler would turn this into a 500 on every request (health checks and error pages
            // included). Treated as "not signed in" for this request only: the row and the cookie are untouched,
            // so the person is signed in again as soon as the database answers.
            logger.LogWarning(ex, "Session {SessionId} could not be read; this request is treated as signed out", id);
            return null;
        }
    }

    private async Task<AuthenticationTicket?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var row = await Alive(db, id, now)
            .Select(s => new { s.Ticket, s.LastSeenAt, s.AbsoluteExpiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null) return null;

        AuthenticationTicket? ticket;
        try
        {
            ticket = TicketSerializer.Default.Deserialize(_protector.Unprotect(row.Ticket));
        }
        catch (CryptographicException ex)
        {
            // Keys lost or rotated out: the person signs in again rather than seeing an error.
            logger.LogWarning(ex, "Session {SessionId} could not be unprotected; treating it as ended", id);
            return null;
        }
        if (ticket is null) return null;

        await TouchIfDueAsync(db, id, now, row.LastSeenAt, row.AbsoluteExpiresAt, cancellationToken);
        // The cookie handler checks this too: the row's absolute expiry is the truth, whatever the cookie says.
        ticket.Properties.ExpiresUtc = row.AbsoluteExpiresAt;
        if (ticket.Principal.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SessionClaims.SessionId))
            identity.AddClaim(new Claim(SessionClaims.SessionId, id.ToString()));
        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    /// <summary>Sign-out (or an expired ticket): the row goes, so a copy of the cookie stops working too.</summary>
    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(key, out var id)) return;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AuthSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<bool> IsAliveAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var row = await Alive(db, sessionId, now)
            .Select(s => new { s.LastSeenAt, s.AbsoluteExpiresAt })
            .SingleOrDefaultAsync(ct);
        if (row is null) return false;
        // An open, connected tab is use: without this, someone working in one tab for longer than the idle
        // timeout would be signed out at their next page load.
        await TouchIfDueAsync(db, sessionId, now, row.LastSeenAt, row.AbsoluteExpiresAt, ct);
        return true;
    }

    private static IQueryable<AuthSession> Alive(FacturixDb db, Guid id, DateTimeOffset now) =>
        db.AuthSessions.Where(s => s.Id == id
            && s.ExpiresAt > now
            && s.AbsoluteExpiresAt > now
            && db.Users.Any(u => u.Id == s.UserId && u.DeactivatedAt == null));

    private async Task TouchIfDueAsync(
        FacturixDb db, Guid id, DateTimeOffset now, DateTimeOffset lastSeen, DateTimeOffset absolute, CancellationToken ct)
    {
        if (now - lastSeen < options.Value.TouchInterval) return;
        var expires = SlideFrom(now, absolute);
        await db.AuthSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now).SetProperty(x => x.ExpiresAt, expires), ct);
    }

    private DateTimeOffset SlideFrom(DateTimeOffset now, DateTimeOffset absolute)
    {
        var idle = now + options.Value.IdleTimeout;
        return idle < absolute ? idle : absolute;
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : TextClip.Clip(value, length);
}
