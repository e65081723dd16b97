using System.Net;
using System.Text.Json;
using Facturix.Domain.Audit;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.SignIn;

/// <summary>Who is on the other end of a sign-in request: its address and what it says it is.</summary>
public sealed record SignInClient(IPAddress? Ip, string? UserAgent);

/// <summary>The audit actions of sign-in (ASVS 7.2.1): one row in <c>audit_events</c> per attempt and per sign-out.</summary>
public static class SignInAuditActions
{
    public const string Succeeded = "signin.succeeded";
    public const string WrongPassword = "signin.wrong-password";
    public const string UnknownEmail = "signin.unknown-email";
    public const string LockedOut = "signin.locked-out";
    public const string RateLimited = "signin.rate-limited";
    public const string NotAllowed = "signin.not-allowed";
    public const string SignedOut = "signout";
}

/// <summary>Writes sign-in outcomes and sign-outs to the audit trail.</summary>
public interface ISignInAudit
{
    /// <summary>
    /// One row: <paramref name="userId"/> when the account is known (also the actor on a success or a sign-out),
    /// and in <c>details</c> the email as typed (on attempts), the client IP and user agent.
    /// </summary>
    Task RecordAsync(string action, Guid? userId, string? email, SignInClient client, CancellationToken ct = default);

    /// <summary>
    /// The attempt that just locked <paramref name="userId"/> out: its row, and an access change announced with it, so an
    /// admin's open users page shows the lock (Identity writes it without telling anyone).
    /// </summary>
    Task RecordLockoutAsync(Guid userId, string email, SignInClient client, CancellationToken ct = default);
}

internal sealed class SignInAudit(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : ISignInAudit
{
    // Bounds what an attacker can make us store per row.
    private const int MaxEmailLength = 256;
    private const int MaxUserAgentLength = 512;

    public Task RecordAsync(string action, Guid? userId, string? email, SignInClient client, CancellationToken ct = default) =>
        WriteAsync(action, userId, email, client, announce: null, ct);

    public Task RecordLockoutAsync(Guid userId, string email, SignInClient client, CancellationToken ct = default) =>
        WriteAsync(SignInAuditActions.LockedOut, userId, email, client, new AccessChanged(userId), ct);

    private async Task WriteAsync(string action, Guid? userId, string? email, SignInClient client, LiveEvent? announce, CancellationToken ct)
    {
        var actsAsUser = action is SignInAuditActions.Succeeded or SignInAuditActions.SignedOut;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = clock.GetUtcNow(),
            ActorId = actsAsUser ? userId : null,
            Action = action,
            EntityType = "user",
            EntityId = userId,
            // In the column every audit row keeps its address in: the log's IP column and its export read it there, and
            // showed nothing for the sign-ins, the rows where the address matters most.
            ClientIp = client.Ip?.ToString(),
            Details = JsonSerializer.Serialize(new
            {
                email = TextClip.Clip(email, MaxEmailLength),
                userAgent = TextClip.Clip(client.UserAgent, MaxUserAgentLength),
            }),
        });
        if (announce is not null)
            db.Publish(announce);
        await db.SaveChangesAsync(ct);
    }

}
