using Facturix.Domain.LiveEvents;

namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// The last events a bus received, with when: a page loads before it subscribes, and what was committed in between
/// would otherwise never reach it (<see cref="ILiveEvents.Subscribe{TEvent}"/>'s <c>replayRecent</c>). A bounded ring:
/// when it no longer reaches back as far as asked, <see cref="Within"/> says so and the subscriber resyncs instead.
/// Not thread-safe: the bus calls it under its fan-out lock.
/// </summary>
public sealed class RecentLiveEvents
{
    private readonly (long ReceivedAt, LiveEvent Event)[] _ring;
    private readonly TimeProvider _time;
    private int _next;
    private int _count;

    public RecentLiveEvents(TimeProvider time, int capacity = 512)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new (long, LiveEvent)[capacity];
        _time = time;
    }

    public void Add(LiveEvent liveEvent)
    {
        _ring[_next] = (_time.GetTimestamp(), liveEvent);
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
    }

    /// <summary>
    /// The events received within <paramref name="window"/> of now, oldest first; null when older ones within it may
    /// have been overwritten already (the ring is full and its oldest event is within the window).
    /// </summary>
    public IReadOnlyList<LiveEvent>? Within(TimeSpan window)
    {
        var recent = new List<LiveEvent>();
        var oldest = (_next - _count + _ring.Length) % _ring.Length;
        for (var i = 0; i < _count; i++)
        {
            var (receivedAt, liveEvent) = _ring[(oldest + i) % _ring.Length];
            if (_time.GetElapsedTime(receivedAt) > window) continue;
            if (i == 0 && _count == _ring.Length) return null;
            recent.Add(liveEvent);
        }
        return recent;
    }
}
