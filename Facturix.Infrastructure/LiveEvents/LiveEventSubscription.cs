using System.Threading.Channels;
using Facturix.Domain.LiveEvents;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// One subscriber of <see cref="PostgresLiveEventBus"/>: a bounded queue the listener fills without ever waiting,
/// and one loop of its own that runs the handler, so a slow circuit delays nobody but itself. When the queue is
/// full the event is dropped and, once the queue has drained, the subscriber gets a
/// <see cref="LiveEventsResynced"/> (if its type accepts one) to reload what it shows.
/// </summary>
internal sealed class LiveEventSubscription : IDisposable
{
    // Written after an overflow to wake a reader that emptied the queue meanwhile; never handed to the handler.
    private static readonly LiveEvent WakeUp = new LiveEventsResynced();

    private readonly Channel<LiveEvent> _queue;
    private readonly Func<LiveEvent, Task> _handler;
    private readonly Action<LiveEventSubscription> _unsubscribe;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private int _missedEvents;

    public LiveEventSubscription(
        Type eventType, Func<LiveEvent, Task> handler, int capacity, Action<LiveEventSubscription> unsubscribe, ILogger logger)
    {
        EventType = eventType;
        _handler = handler;
        _unsubscribe = unsubscribe;
        _logger = logger;
        _queue = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses instead of waiting
        });
        Loop = Task.Run(ReadLoopAsync);
    }

    public Type EventType { get; }

    /// <summary>Ends once the subscription is disposed (after the handler call in progress, if any).</summary>
    public Task Loop { get; }

    public bool Accepts(LiveEvent liveEvent) => EventType.IsInstanceOfType(liveEvent);

    /// <summary>Queues <paramref name="liveEvent"/> without waiting; drops it (and owes a resync) if the queue is full.</summary>
    public void Offer(LiveEvent liveEvent)
    {
        if (_queue.Writer.TryWrite(liveEvent) || _disposed.IsCancellationRequested) return;

        if (Interlocked.Exchange(ref _missedEvents, 1) == 0)
            _logger.LogWarning(
                "A live-event subscriber to {EventType} is {Capacity} events behind; dropping events until it catches up, then resyncing it",
                EventType.Name, _queue.Reader.Count);
        // The reader may have emptied the queue between the failed write and the flag: make sure it looks again.
        _queue.Writer.TryWrite(WakeUp);
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            await foreach (var liveEvent in _queue.Reader.ReadAllAsync(_disposed.Token))
            {
                if (!ReferenceEquals(liveEvent, WakeUp))
                    await RunHandlerAsync(liveEvent);
                if (_queue.Reader.Count == 0 && Interlocked.Exchange(ref _missedEvents, 0) == 1 && Accepts(WakeUp))
                    await RunHandlerAsync(new LiveEventsResynced());
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Disposed: the loop ends here.
        }
    }

    private async Task RunHandlerAsync(LiveEvent liveEvent)
    {
        if (_disposed.IsCancellationRequested) return;
        try
        {
            await _handler(liveEvent);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A live-event subscriber failed on {Event}", liveEvent);
        }
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested) return;
        _unsubscribe(this);
        _disposed.Cancel();
        _queue.Writer.TryComplete();
    }
}
