using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// Healthy while the live-event listener has its LISTEN in place; Degraded otherwise: the app still works,
/// but open pages miss other people's changes until it reconnects (and then resync). Degraded, not
/// Unhealthy: a load balancer should keep the instance, an operator should look.
/// </summary>
internal sealed class LiveEventsHealthCheck(PostgresLiveEventBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = bus.Status;
        return Task.FromResult(status.IsListening
            ? HealthCheckResult.Healthy($"Listening for live events since {status.Since:u}.")
            : HealthCheckResult.Degraded(
                $"Live-event listener not listening since {status.Since:u} ({status.Description}): " +
                "open pages do not see other users' changes until it reconnects."));
    }
}
