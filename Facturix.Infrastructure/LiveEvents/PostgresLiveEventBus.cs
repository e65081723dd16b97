using System.Collections.Immutable;
using System.Text.Json;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// Receives every live event committed by any app instance: one dedicated connection LISTENs on
/// <see cref="FacturixDb.LiveEventChannel"/> and fans each notification out to this instance's
/// subscribers (the open circuits). Reconnects with a short back-off if the database goes away.
/// </summary>
public sealed class PostgresLiveEventBus(NpgsqlDataSource dataSource, ILogger<PostgresLiveEventBus> logger)
    : BackgroundService, ILiveEvents
{
    private ImmutableList<Subscription> _subscriptions = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place; tests and start-up wait on it.</summary>
    public Task Listening => _listening.Task;

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent
    {
        var subscription = new Subscription(typeof(TEvent), e => handler((TEvent)e), this);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    private void Remove(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backOff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, args) => Dispatch(args.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {FacturixDb.LiveEventChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening.TrySetResult();
                backOff = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Live-event listener lost its connection; retrying in {Delay}", backOff);
                await Task.Delay(backOff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backOff = TimeSpan.FromMilliseconds(Math.Min(backOff.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private void Dispatch(string payload)
    {
        LiveEvent? liveEvent;
        try
        {
            liveEvent = JsonSerializer.Deserialize<LiveEvent>(payload);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignoring a live event this version does not understand: {Payload}", payload);
            return;
        }
        if (liveEvent is null) return;

        foreach (var subscription in _subscriptions)
        {
            if (!subscription.EventType.IsInstanceOfType(liveEvent)) continue;
            // Handlers run off the listener's thread so one slow circuit never delays the others.
            _ = RunHandlerAsync(subscription, liveEvent);
        }
    }

    private async Task RunHandlerAsync(Subscription subscription, LiveEvent liveEvent)
    {
        try
        {
            await subscription.Handler(liveEvent);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A live-event subscriber failed on {Event}", liveEvent);
        }
    }

    private sealed class Subscription(Type eventType, Func<LiveEvent, Task> handler, PostgresLiveEventBus bus) : IDisposable
    {
        public Type EventType { get; } = eventType;
        public Func<LiveEvent, Task> Handler { get; } = handler;
        public void Dispose() => bus.Remove(this);
    }
}
