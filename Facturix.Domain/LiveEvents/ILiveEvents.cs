namespace Facturix.Domain.LiveEvents;

/// <summary>
/// The receiving side of the live-event bus: every committed change announced by any app instance
/// reaches every subscriber here. Pages do not subscribe themselves: they use the App's <c>LiveRefresh</c>
/// component (subscribes after the first interactive render, filters, throttles, unsubscribes on dispose);
/// circuit services that subscribe directly dispose the subscription with the circuit. Publishing is done by
/// services inside their write transaction (FacturixDb.Publish or PublishNowAsync), so an event is seen if and
/// only if its change committed.
/// Each subscription has a bounded queue of its own: events may be missed (the listener reconnected, or this
/// subscriber fell too far behind), and a subscription whose type accepts <see cref="LiveEventsResynced"/>
/// (<see cref="LiveEvent"/> itself, or <see cref="LiveEventsResynced"/>) is then told to reload.
/// </summary>
public interface ILiveEvents
{
    /// <summary>Calls <paramref name="handler"/> for every event of type <typeparamref name="TEvent"/>. Handlers must not throw; errors are logged and swallowed.</summary>
    /// <param name="handler">Gets each event, in the order received.</param>
    /// <param name="replayRecent">
    /// Hands the subscriber first the events this instance received within that long before subscribing: a page loads
    /// before it subscribes, and a change committed in between would otherwise never reach it. The recent history is
    /// bounded; when it does not reach back that far, the subscriber gets a <see cref="LiveEventsResynced"/> instead
    /// (if its type accepts one). Zero (the default) replays nothing.
    /// </param>
    IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler, TimeSpan replayRecent = default) where TEvent : LiveEvent;
}
