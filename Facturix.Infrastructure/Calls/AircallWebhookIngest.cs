using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Calls;

public enum AircallWebhookOutcome
{
    /// <summary>Stored (or a replay merged into the stored row) and queued for processing.</summary>
    Stored,
    /// <summary>Authentic but not a call event (user, number, contact...): acknowledged and ignored.</summary>
    Ignored,
    /// <summary>No token, a wrong token, or no webhook token configured: nothing stored.</summary>
    Unauthorized,
    /// <summary>Not JSON or not Aircall's envelope.</summary>
    Malformed,
}

/// <summary>
/// The webhook's fast path: authenticate by the body's <c>token</c> (Aircall signs nothing else), store the raw event,
/// queue its call for the background worker, answer. Processing never runs on the request (Aircall waits 5 s and
/// disables a failing webhook).
/// </summary>
public sealed class AircallWebhookIngest(
    IDbContextFactory<FacturixDb> dbFactory, AircallCredentials credentials, AircallEventQueue queue, TimeProvider clock,
    ILogger<AircallWebhookIngest> logger)
{
    public const int MaxBodyBytes = 512 * 1024;

    public async Task<AircallWebhookOutcome> AcceptAsync(string body, CancellationToken ct = default)
    {
        JsonObject envelope;
        try
        {
            envelope = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return AircallWebhookOutcome.Malformed;
        }

        var presented = envelope["token"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        var expected = (await credentials.GetAsync(ct)).WebhookToken;
        if (!TokenMatches(presented, expected))
        {
            logger.LogWarning("Aircall webhook refused: {Reason}", expected is null ? "no webhook token configured" : "wrong token");
            return AircallWebhookOutcome.Unauthorized;
        }

        // The secret is not kept with the event.
        envelope.Remove("token");
        var stored = envelope.ToJsonString();
        if (AircallPayload.ReadCall(stored) is not { } call)
            return envelope["resource"] is null ? AircallWebhookOutcome.Malformed : AircallWebhookOutcome.Ignored;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One row per (call, event): a replay changes nothing; a newer delivery of the same event (a second comment)
        // replaces the payload and is processed again.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO aircall_events (call_id, event, timestamp, payload, received_at)
            VALUES ({call.CallId}, {call.Event}, {call.Timestamp}, {stored}, {clock.GetUtcNow()})
            ON CONFLICT (call_id, event) DO UPDATE
               SET payload = excluded.payload, timestamp = excluded.timestamp, received_at = excluded.received_at, processed_at = NULL
             WHERE aircall_events.timestamp <= excluded.timestamp AND aircall_events.payload <> excluded.payload
            """, ct);
        queue.Enqueue(call.CallId);
        return AircallWebhookOutcome.Stored;
    }

    /// <summary>Constant-time comparison (a timing difference must not reveal how much of a guess was right).</summary>
    internal static bool TokenMatches(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected)) return false;
        // Hashing first gives equal lengths, so even the length comparison leaks nothing.
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
