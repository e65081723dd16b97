namespace Facturix.Domain.Calls;

/// <summary>
/// One Aircall webhook event as received (table <c>aircall_events</c>, one row per call and event name): the raw JSON
/// is kept so processing can be replayed, and <see cref="ProcessedAt"/> tells the background worker what is left.
/// A later delivery of the same (call, event) replaces the payload when it is not older (a second comment arrives as
/// another <c>call.commented</c> carrying every comment).
/// </summary>
public sealed class AircallEvent
{
    public long Id { get; set; }
    public long CallId { get; set; }
    /// <summary>"call.created", "call.answered", "call.hungup", "call.ended", "call.commented", "call.tagged"...</summary>
    public required string Event { get; set; }
    /// <summary>The envelope's <c>timestamp</c> (UNIX seconds).</summary>
    public long Timestamp { get; set; }
    /// <summary>The whole body, token removed (a secret has no business in a table many people can read).</summary>
    public required string Payload { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}

/// <summary>The company's Aircall credentials as stored by an admin (one row), secrets encrypted with Data Protection.</summary>
public sealed class AircallSettings
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public string? ApiId { get; set; }
    public string? ApiTokenProtected { get; set; }
    public string? WebhookTokenProtected { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }
}
