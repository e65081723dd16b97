namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// Tuning of <see cref="PostgresLiveEventBus"/>. The defaults suit production; tests shorten the times to
/// provoke a dead connection or an overflow quickly. Bound with <c>services.Configure&lt;LiveEventBusOptions&gt;</c>.
/// </summary>
public sealed class LiveEventBusOptions
{
    /// <summary>
    /// How long the listener waits for a notification before it proves its connection alive with a
    /// <c>SELECT 1</c>: a connection the network dropped silently (half-open) otherwise waits forever.
    /// </summary>
    public TimeSpan KeepaliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long that <c>SELECT 1</c> may take before the connection is given up for dead and replaced.</summary>
    public TimeSpan KeepaliveTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Events waiting for one subscriber. A subscriber that falls this far behind loses events and gets a
    /// <see cref="Domain.LiveEvents.LiveEventsResynced"/> once it catches up, instead of slowing everyone down.
    /// </summary>
    public int SubscriberQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Events remembered for a new subscriber's replay (<see cref="Domain.LiveEvents.ILiveEvents.Subscribe{TEvent}"/>):
    /// a page asks for the few seconds it took to load. A subscriber asking further back than this reaches gets a resync.
    /// </summary>
    public int RecentEventsKept { get; set; } = 512;

    /// <summary>The wait before the first reconnection attempt; it doubles on each failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan FirstReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);
}
