using Facturix.Infrastructure.LiveEvents;
using Facturix.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Facturix.Tests.LiveEvents;

public sealed class LiveEventsHealthTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task The_registered_check_is_healthy_while_the_listener_listens()
    {
        await Fixture.StartLiveEventsAsync();

        var report = await Get<HealthCheckService>().CheckHealthAsync(check => check.Name == "live-events");

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task A_listener_that_has_not_connected_yet_is_degraded()
    {
        using var bus = new PostgresLiveEventBus(Fixture.ConnectionString, new LiveEventBusOptions(), NullLogger<PostgresLiveEventBus>.Instance);

        var result = await CheckAsync(bus);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("not connected yet", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listener_that_cannot_reconnect_is_degraded_and_says_why()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync("healthlistener");
        await using var own = await DedicatedLiveEventBus.StartAsync(connectionString);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(own.Bus)).Status);

        await TestCluster.DropDatabaseAsync(new NpgsqlConnectionStringBuilder(connectionString).Database!);

        var result = await Eventually.HoldsAsync(
            () => CheckAsync(own.Bus), r => r.Status == HealthStatus.Degraded, "degraded");
        Assert.Contains("reconnecting", result.Description, StringComparison.Ordinal);
        Assert.False(own.Bus.IsListening);
    }

    private static Task<HealthCheckResult> CheckAsync(PostgresLiveEventBus bus) =>
        new LiveEventsHealthCheck(bus).CheckHealthAsync(new HealthCheckContext());
}
