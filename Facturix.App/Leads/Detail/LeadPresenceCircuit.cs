using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Facturix.App.Leads.Detail;

/// <summary>
/// This circuit's side of lead presence (one per circuit: scoped). It names the circuit in <c>lead_presences</c> and
/// remembers the leads it joined, so that when the circuit closes (tab closed, connection lost past the reconnect grace)
/// it leaves them at once, instead of the others seeing a ghost until the TTL. Joins and leaves run one at a time, so
/// a leave never overtakes the join it undoes (which would leave a row behind until the TTL). While the circuit's
/// connection is down (a lid closed, a network lost, a tab killed without its goodbye) the page's renewals write nothing:
/// the circuit can outlive its browser by minutes, and renewing then showed a viewer who was gone. The row then lapses
/// with the TTL, and a reconnect renews every lead at once.
/// </summary>
public sealed class LeadPresenceCircuit(ILeadPresence presence, ILogger<LeadPresenceCircuit> logger) : CircuitHandler
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Guid, Actor> _joined = [];
    private bool _closed;
    private bool _connectionDown;

    /// <summary>
    /// A Guid per circuit scope rather than Blazor's circuit id: it exists before the circuit handler is told about the
    /// circuit (and in component tests, which have none), and the stored value says nothing about the connection.
    /// </summary>
    public string CircuitId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Joins (or renews) <paramref name="leadId"/> for this circuit. Errors reach the caller (a page may show them).</summary>
    public async Task JoinAsync(Actor actor, Guid leadId, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_closed) return;
            // Down: remembered, so the reconnect joins it, but not written for a browser that is not there.
            if (!_connectionDown) await presence.JoinAsync(actor, leadId, CircuitId, ct);
            _joined[leadId] = actor;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Leaves <paramref name="leadId"/> if this circuit joined it. Never throws: it runs from disposals.</summary>
    public async Task LeaveAsync(Guid leadId)
    {
        await _gate.WaitAsync();
        try
        {
            await LeaveHeldAsync(leadId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None);
        _connectionDown = true;
        _gate.Release();
    }

    /// <summary>Back (after a drop, not the first connection): renews every joined lead at once, the lapsed ones included.</summary>
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (!_connectionDown || _closed) return;
            _connectionDown = false;
            foreach (var (leadId, actor) in _joined.ToList())
            {
                try
                {
                    await presence.JoinAsync(actor, leadId, CircuitId, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    // The page's next renewal retries; a reconnect must not fail because of it.
                    logger.LogWarning(ex, "Renewing the presence of lead {LeadId} on reconnect failed", leadId);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            _closed = true;
            foreach (var leadId in _joined.Keys.ToList())
                await LeaveHeldAsync(leadId);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Callers hold the gate.</summary>
    private async Task LeaveHeldAsync(Guid leadId)
    {
        if (!_joined.Remove(leadId, out var actor)) return;
        try
        {
            // Not the page's token: the page is going away, the row must still go.
            await presence.LeaveAsync(actor, leadId, CircuitId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The row then expires with the TTL; a closing circuit must not fail because of it.
            logger.LogWarning(ex, "Leaving the presence of lead {LeadId} failed", leadId);
        }
    }
}

public static class LeadPresenceSetup
{
    /// <summary>The tracker, as itself for the lead page and as a circuit handler for the circuit's close (the same scoped instance).</summary>
    public static IServiceCollection AddLeadPresenceCircuits(this IServiceCollection services)
    {
        services.AddScoped<LeadPresenceCircuit>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<LeadPresenceCircuit>());
        return services;
    }
}
