using System.Text;
using System.Text.Json;
using Facturix.Domain.LiveEvents;

namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// The one JSON form of a <see cref="LiveEvent"/> on the wire (a NOTIFY payload), used by every publisher and
/// by the listener, so both sides always agree. The type travels as the "type" discriminator declared on
/// <see cref="LiveEvent"/>.
/// </summary>
public static class LiveEventPayload
{
    /// <summary>
    /// The largest payload PostgreSQL accepts: its NOTIFY refuses a payload of 8,000 bytes or more
    /// (NOTIFY_PAYLOAD_MAX_LENGTH, with the default 8 kB block size).
    /// </summary>
    public const int MaxBytes = 7_999;

    /// <summary>The JSON of <paramref name="liveEvent"/>, refused with <see cref="LiveEventTooLargeException"/> if NOTIFY could not carry it.</summary>
    /// <exception cref="NotSupportedException">The event's type has no <c>[JsonDerivedType]</c> line on <see cref="LiveEvent"/>.</exception>
    public static string Serialize(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        var json = JsonSerializer.Serialize(liveEvent);
        var size = Encoding.UTF8.GetByteCount(json);
        if (size > MaxBytes)
            throw new LiveEventTooLargeException(liveEvent.GetType().Name, size, MaxBytes);
        return json;
    }

    /// <summary>
    /// The payloads for a NOTIFY of <paramref name="events"/>, every one checked before the caller writes anything.
    /// <see cref="LiveEventsResynced"/> is refused: each instance raises it locally for its own subscribers.
    /// </summary>
    public static string[] SerializeForNotify(IEnumerable<LiveEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Select(liveEvent => liveEvent is LiveEventsResynced
                ? throw new ArgumentException(
                    $"{nameof(LiveEventsResynced)} is raised locally by each instance's listener and is never published.",
                    nameof(events))
                : Serialize(liveEvent))
            .ToArray();
    }

    /// <summary>
    /// The event in <paramref name="payload"/>, or null for the JSON literal null. Throws (JsonException,
    /// NotSupportedException, ...) on anything else this version does not understand; the listener catches it.
    /// </summary>
    public static LiveEvent? Deserialize(string payload) => JsonSerializer.Deserialize<LiveEvent>(payload);
}
