using System.Collections.Immutable;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.LiveEvents;

namespace Facturix.Tests.Support;

/// <summary>
/// Component-test double of the live-event bus: <see cref="RaiseAsync"/> delivers an event to the current
/// subscribers the way the PostgreSQL listener would, and remembers it for a later subscriber's replay with the same
/// <see cref="RecentLiveEvents"/> the real bus uses (on <paramref name="receiptClock"/>: a test's fake clock makes
/// "recent" deterministic). Integration tests use the real bus instead.
/// </summary>
public sealed class InMemoryLiveEvents(TimeProvider? receiptClock = null) : ILiveEvents
{
    private readonly Lock _fanOut = new();
    private readonly RecentLiveEvents _recent = new(receiptClock ?? TimeProvider.System);
    private ImmutableList<(Type Type, Func<LiveEvent, Task> Handler)> _subscriptions = [];

    public int SubscriberCount => _subscriptions.Count;

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler, TimeSpan replayRecent = default) where TEvent : LiveEvent
    {
        (Type Type, Func<LiveEvent, Task> Handler) entry = (typeof(TEvent), e => handler((TEvent)e));
        IReadOnlyList<LiveEvent> replayed;
        lock (_fanOut)
        {
            ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(entry));
            replayed = replayRecent > TimeSpan.Zero ? _recent.Within(replayRecent) ?? [new LiveEventsResynced()] : [];
        }
        foreach (var liveEvent in replayed.Where(entry.Type.IsInstanceOfType))
            _ = entry.Handler(liveEvent);
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(entry)));
    }

    public Task RaiseAsync(LiveEvent liveEvent)
    {
        lock (_fanOut) _recent.Add(liveEvent);
        return Task.WhenAll(_subscriptions.Where(s => s.Type.IsInstanceOfType(liveEvent)).Select(s => s.Handler(liveEvent)));
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
