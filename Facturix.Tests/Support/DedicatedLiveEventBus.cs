using Facturix.Infrastructure.LiveEvents;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facturix.Tests.Support;

/// <summary>
/// A live-event bus of a test's own, for what the fixture's shared one must not go through: tiny queues,
/// short keepalives, a database that gets dropped, a connection through a proxy.
/// <code>
/// await using var own = await DedicatedLiveEventBus.StartAsync(Fixture.ConnectionString, new() { SubscriberQueueCapacity = 4 });
/// await using var events = new EventRecorder(own.Bus, Fixture.PublishAsync);
/// </code>
/// </summary>
public sealed class DedicatedLiveEventBus : IAsyncDisposable
{
    private DedicatedLiveEventBus(PostgresLiveEventBus bus) => Bus = bus;

    public PostgresLiveEventBus Bus { get; }

    /// <summary>Starts a bus on <paramref name="connectionString"/> and waits (10 s at most) for its first LISTEN.</summary>
    /// <param name="receiptClock">Dates each received event for replays (the system clock unless a test drives it).</param>
    public static async Task<DedicatedLiveEventBus> StartAsync(
        string connectionString, LiveEventBusOptions? options = null, TimeProvider? receiptClock = null)
    {
        var bus = new PostgresLiveEventBus(
            connectionString, options ?? new LiveEventBusOptions(), NullLogger<PostgresLiveEventBus>.Instance, receiptClock: receiptClock);
        var own = new DedicatedLiveEventBus(bus);
        try
        {
            await bus.StartAsync(CancellationToken.None);
            await bus.Listening.WaitAsync(TimeSpan.FromSeconds(10));
            return own;
        }
        catch
        {
            await own.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.StopAsync(CancellationToken.None);
        Bus.Dispose();
    }
}
