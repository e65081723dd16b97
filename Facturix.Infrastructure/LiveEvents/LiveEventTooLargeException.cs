namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// A live event whose JSON does not fit in one PostgreSQL NOTIFY. Thrown before anything is written, so the
/// change that wanted to announce it fails as a whole. The fix is in the event, not the limit: carry ids and
/// let subscribers re-query, never whole rows or free text.
/// </summary>
public sealed class LiveEventTooLargeException(string eventType, int sizeInBytes, int limitInBytes)
    : InvalidOperationException(
        $"Live event {eventType} is {sizeInBytes} bytes of JSON; PostgreSQL NOTIFY accepts at most {limitInBytes}. " +
        "Live events carry ids, not rows: subscribers re-query what they show.")
{
    public string EventType { get; } = eventType;
    public int SizeInBytes { get; } = sizeInBytes;
    public int LimitInBytes { get; } = limitInBytes;
}
