using System.Collections.Immutable;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// Receives every live event committed by any app instance: one dedicated connection LISTENs on
/// <see cref="FacturixDb.LiveEventChannel"/> and fans each notification out to this instance's subscribers
/// (the open circuits), each through a bounded queue of its own (<see cref="LiveEventSubscription"/>).
/// It never goes silently stale: a quiet connection is proven alive with a keepalive query, a lost one is
/// replaced with a growing back-off, and after a reconnection every subscriber gets a
/// <see cref="LiveEventsResynced"/> because events committed meanwhile are gone. <see cref="IsListening"/>
/// feeds the health check.
/// </summary>
public sealed class PostgresLiveEventBus : BackgroundService, ILiveEvents
{
    private readonly NpgsqlDataSource _listenerDataSource;
    private readonly LiveEventBusOptions _options;
    private readonly ILogger<PostgresLiveEventBus> _logger;
    private readonly IReadOnlyList<ILiveEventObserver> _observers;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _fanOut = new();
    private readonly RecentLiveEvents _recent;
    private ImmutableList<LiveEventSubscription> _subscriptions = [];
    private volatile LiveEventListenerStatus _status = LiveEventListenerStatus.NotStarted();
    private bool _listenedBefore;

    /// <param name="connectionString">The app's connection string; the listener derives its own from it (<see cref="LiveEventListenerConnection"/>).</param>
    /// <param name="observers">Told of each event synchronously, before any subscriber's queue gets it (<see cref="ILiveEventObserver"/>).</param>
    /// <param name="receiptClock">
    /// Measures how recently an event was received, for a subscriber's replay: a technical clock, the system's unless a
    /// test drives it (never the app's TimeProvider, which tests set to a fixed date).
    /// </param>
    public PostgresLiveEventBus(
        string connectionString, LiveEventBusOptions options, ILogger<PostgresLiveEventBus> logger,
        IEnumerable<ILiveEventObserver>? observers = null, TimeProvider? receiptClock = null)
    {
        _recent = new RecentLiveEvents(receiptClock ?? TimeProvider.System, options.RecentEventsKept);
        _observers = observers?.ToList() ?? [];
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SubscriberQueueCapacity, 1);
        _listenerDataSource = NpgsqlDataSource.Create(LiveEventListenerConnection.For(connectionString));
        _options = options;
        _logger = logger;
    }

    /// <summary>Completes once the first LISTEN is in place; tests and start-up wait on it.</summary>
    public Task Listening => _listening.Task;

    /// <summary>True while a LISTEN is in place; false before the first one and while reconnecting.</summary>
    public bool IsListening => _status.IsListening;

    /// <summary>The listener's state, for the health check and operators.</summary>
    public LiveEventListenerStatus Status => _status;

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler, TimeSpan replayRecent = default) where TEvent : LiveEvent
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new LiveEventSubscription(
            typeof(TEvent), e => handler((TEvent)e), _options.SubscriberQueueCapacity, Remove, _logger);
        // Under the fan-out lock: no event is both replayed and broadcast to it, none falls between the two, and the
        // replayed ones come before the next live one.
        lock (_fanOut)
        {
            ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
            if (replayRecent > TimeSpan.Zero)
            {
                var recent = _recent.Within(replayRecent) ?? [new LiveEventsResynced()];
                foreach (var liveEvent in recent.Where(subscription.Accepts))
                    subscription.Offer(liveEvent);
            }
        }
        return subscription;
    }

    private void Remove(LiveEventSubscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = _options.FirstReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenUntilLostAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (_status.IsListening) delay = _options.FirstReconnectDelay; // it worked until now: retry soon
                _status = LiveEventListenerStatus.Disconnected(ex);
                _logger.LogWarning(ex, "Live-event listener lost its connection; retrying in {Delay}", delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
        }
        _status = LiveEventListenerStatus.Stopped();
    }

    /// <summary>Opens the connection, LISTENs, then waits for notifications until the connection fails (it throws).</summary>
    private async Task ListenUntilLostAsync(CancellationToken stoppingToken)
    {
        await using var connection = await _listenerDataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, args) => Dispatch(args.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {FacturixDb.LiveEventChannel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken);

        _status = LiveEventListenerStatus.Listening();
        _listening.TrySetResult();
        if (_listenedBefore)
        {
            // Whatever was committed while we were away is lost: tell every subscriber to reload.
            _logger.LogInformation("Live-event listener reconnected; resyncing subscribers");
            Broadcast(new LiveEventsResynced());
        }
        _listenedBefore = true;

        while (true)
        {
            if (!await connection.WaitAsync(_options.KeepaliveInterval, stoppingToken))
                await ProveAliveAsync(connection, stoppingToken);
        }
    }

    /// <summary>
    /// A quiet connection may be half-open (the peer or a NAT forgot it without a word): waiting on it would
    /// never end. A query that does not answer in time proves it dead, and the caller replaces it.
    /// </summary>
    private async Task ProveAliveAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.KeepaliveTimeout);
        await using var ping = new NpgsqlCommand("SELECT 1", connection);
        try
        {
            await ping.ExecuteScalarAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The live-event listener's connection did not answer a keepalive within {_options.KeepaliveTimeout}.");
        }
    }

    /// <summary>Runs on the listener's connection: must never throw (that would drop the connection) and never wait.</summary>
    private void Dispatch(string? payload)
    {
        try
        {
            LiveEvent? liveEvent;
            try
            {
                liveEvent = payload is null ? null : LiveEventPayload.Deserialize(payload);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Ignoring a live event this version does not understand: {Payload}", Abbreviate(payload));
                return;
            }
            if (liveEvent is null)
            {
                _logger.LogWarning("Ignoring an empty live event: {Payload}", Abbreviate(payload));
                return;
            }
            Broadcast(liveEvent);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Could not dispatch a live event: {Payload}", Abbreviate(payload));
        }
    }

    private void Broadcast(LiveEvent liveEvent)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.Observe(liveEvent);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A live-event observer failed on {EventType}", liveEvent.GetType().Name);
            }
        }
        // Offer never waits (a full queue drops and owes a resync), so holding the lock here delays no one for long.
        lock (_fanOut)
        {
            _recent.Add(liveEvent);
            foreach (var subscription in _subscriptions)
            {
                if (subscription.Accepts(liveEvent))
                    subscription.Offer(liveEvent);
            }
        }
    }

    private static string? Abbreviate(string? payload) => payload is { Length: > 200 } ? payload[..200] + "…" : payload;

    public override void Dispose()
    {
        base.Dispose();
        foreach (var subscription in _subscriptions)
            subscription.Dispose();
        _listenerDataSource.Dispose();
    }
}
