using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.LiveEvents;
using Facturix.Tests.Support;
using Npgsql;

namespace Facturix.Tests.LiveEvents;

/// <summary>The listener losing its connection, loudly or silently, and coming back with a resync.</summary>
public sealed class LiveEventListenerResilienceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task A_killed_listener_reconnects_resyncs_its_subscribers_and_delivers_again()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        await using var events = await Fixture.RecordEventsAsync();

        Assert.True(await TerminateListenerBackendsAsync() > 0, "no listener backend found in pg_stat_activity");

        await events.WaitForAsync<LiveEventsResynced>();
        var after = new AccountChanged(Guid.NewGuid());
        await Fixture.PublishAsync(after);
        await events.WaitForAsync<AccountChanged>(e => e == after);
        Assert.True(bus.IsListening);
    }

    [Fact]
    public async Task The_first_connection_sends_no_resync()
    {
        await using var own = await DedicatedLiveEventBus.StartAsync(Fixture.ConnectionString);
        await using var events = new EventRecorder(own.Bus, Fixture.PublishAsync);

        await events.AssertNoneAsync<LiveEventsResynced>();
    }

    [Fact]
    public async Task A_silently_dead_connection_is_detected_by_the_keepalive_and_replaced()
    {
        await using var proxy = SilenceableTcpProxy.To(Fixture.ConnectionString);
        await using var own = await DedicatedLiveEventBus.StartAsync(
            proxy.Through(Fixture.ConnectionString),
            new LiveEventBusOptions { KeepaliveInterval = TimeSpan.FromMilliseconds(200), KeepaliveTimeout = TimeSpan.FromMilliseconds(500) });
        await using var events = new EventRecorder(own.Bus, Fixture.PublishAsync);

        // Without the keepalive the listener would wait on this connection forever, and see nothing more.
        proxy.SilenceCurrentConnections();

        await events.WaitForAsync<LiveEventsResynced>();
        var after = new AccountChanged(Guid.NewGuid());
        await Fixture.PublishAsync(after);
        await events.WaitForAsync<AccountChanged>(e => e == after);
    }

    [Fact]
    public async Task A_quiet_but_alive_connection_passes_its_keepalives_and_is_kept()
    {
        // A database of its own: its only listener is the one under test.
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync("quietlistener");
        await using var own = await DedicatedLiveEventBus.StartAsync(
            connectionString,
            new LiveEventBusOptions { KeepaliveInterval = TimeSpan.FromMilliseconds(50), KeepaliveTimeout = TimeSpan.FromSeconds(5) });
        await using var events = new EventRecorder(own.Bus, EventRecorder.PublisherTo(connectionString));

        // The listener's last statement turns from LISTEN to the keepalive once a quiet interval has passed.
        await Eventually.HoldsAsync(() => LastListenerQueryAsync(connectionString), q => q == "SELECT 1", "keepalive seen");
        var after = new AccountChanged(Guid.NewGuid());
        await EventRecorder.PublisherTo(connectionString)([after]);

        await events.WaitForAsync<AccountChanged>(e => e == after);
        await events.AssertNoneAsync<LiveEventsResynced>();
    }

    private Task<int> TerminateListenerBackendsAsync() => LiveEventListenerKiller.TerminateAsync(Fixture.ConnectionString);

    private static async Task<string?> LastListenerQueryAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT query FROM pg_stat_activity WHERE application_name = @app AND datname = current_database()", connection);
        query.Parameters.AddWithValue("app", LiveEventListenerConnection.ApplicationName);
        return await query.ExecuteScalarAsync() as string;
    }
}
