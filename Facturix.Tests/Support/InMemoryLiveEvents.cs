using System.Collections.Immutable;
using Facturix.Domain.LiveEvents;

namespace Facturix.Tests.Support;

/// <summary>
/// Component-test double of the live-event bus: <see cref="RaiseAsync"/> delivers an event to the current
/// subscribers the way the PostgreSQL listener would. Integration tests use the real bus instead.
/// </summary>
public sealed class InMemoryLiveEvents : ILiveEvents
{
    private ImmutableList<(Type Type, Func<LiveEvent, Task> Handler)> _subscriptions = [];

    public int SubscriberCount => _subscriptions.Count;

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent
    {
        (Type, Func<LiveEvent, Task>) entry = (typeof(TEvent), e => handler((TEvent)e));
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(entry));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(entry)));
    }

    public Task RaiseAsync(LiveEvent liveEvent) =>
        Task.WhenAll(_subscriptions.Where(s => s.Type.IsInstanceOfType(liveEvent)).Select(s => s.Handler(liveEvent)));

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
