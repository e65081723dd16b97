using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Facturix.App.Workspace;

/// <summary>
/// The lead this circuit holds (one per circuit: scoped), so the lock can be released when the circuit closes (the tab
/// was closed, the browser went away) instead of waiting for the lease to run out. The workspace page tells it what it
/// holds; <see cref="WorkspaceCircuitHandler"/> releases it. Leaving the page inside the app keeps the lock (the BD may
/// open the lead's page and come back: Get Next hands the same lead back), see docs/decisions/0051.
/// </summary>
public sealed class WorkspaceLockTracker(IWorkspaceQueue queue, ILogger<WorkspaceLockTracker> logger)
{
    private Held? _held;

    /// <param name="Call">
    /// The call an outcome logged on the lead during this hold: Finish needs no other when the page comes back to it, and
    /// another digit amends it rather than logging a second call (decision 0078).
    /// </param>
    private sealed record Held(Actor Actor, Guid LeadId, Guid CampaignId, Guid? Call = null);

    /// <summary>The lead this circuit holds in <paramref name="campaignId"/>, if any.</summary>
    public Guid? HeldIn(Guid campaignId) => Volatile.Read(ref _held) is { } held && held.CampaignId == campaignId ? held.LeadId : null;

    /// <summary>The campaign of the lead this circuit holds, if any.</summary>
    public Guid? HeldCampaignId => Volatile.Read(ref _held)?.CampaignId;

    /// <summary>The lead this circuit holds, whatever the campaign.</summary>
    public Guid? HeldLeadId => Volatile.Read(ref _held)?.LeadId;

    /// <summary>The page locked <paramref name="leadId"/> (Get Next returned it); the same lead handed back keeps what was logged on it.</summary>
    public void Hold(Actor actor, Guid leadId, Guid campaignId)
    {
        var call = Volatile.Read(ref _held) is { } held && held.LeadId == leadId ? held.Call : null;
        Volatile.Write(ref _held, new Held(actor, leadId, campaignId, call));
    }

    /// <summary>An outcome was recorded on the held lead as <paramref name="callId"/> (and it stays held until Finish).</summary>
    public void MarkRecorded(Guid leadId, Guid callId)
    {
        var held = Volatile.Read(ref _held);
        if (held?.LeadId == leadId) Interlocked.CompareExchange(ref _held, held with { Call = callId }, held);
    }

    /// <summary>
    /// Whether an outcome was recorded on <paramref name="leadId"/> while this circuit holds it: the page left for the lead's
    /// page and came back keeps it (decision 0051), and its outcome bar starts afresh.
    /// </summary>
    public bool HasRecorded(Guid leadId) => RecordedCall(leadId) is not null;

    /// <summary>The call recorded on <paramref name="leadId"/> during this hold, which a corrected outcome amends; null when none.</summary>
    public Guid? RecordedCall(Guid leadId) => Volatile.Read(ref _held) is { } held && held.LeadId == leadId ? held.Call : null;

    /// <summary>The lock is gone another way (finished, skipped, released by the page, lease lost).</summary>
    public void Forget(Guid leadId)
    {
        var held = Volatile.Read(ref _held);
        if (held?.LeadId == leadId) Interlocked.CompareExchange(ref _held, null, held);
    }

    /// <summary>
    /// Releases what this circuit holds. Never throws: it runs while the circuit closes, where an exception would only be
    /// noise; a lock it fails to release expires with its lease and the reaper frees it.
    /// </summary>
    public async Task ReleaseHeldAsync(CancellationToken ct = default)
    {
        var held = Interlocked.Exchange(ref _held, null);
        if (held is null) return;
        try
        {
            await queue.ReleaseAsync(held.Actor, held.LeadId, ct);
            logger.LogInformation("Released lead {LeadId} held by {UserId}: its circuit closed", held.LeadId, held.Actor.UserId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not release lead {LeadId} held by {UserId} when its circuit closed; the lease will expire",
                held.LeadId, held.Actor.UserId);
        }
    }
}

/// <summary>Releases the workspace lock of a circuit that closes (registered scoped: one per circuit).</summary>
public sealed class WorkspaceCircuitHandler(WorkspaceLockTracker tracker) : CircuitHandler
{
    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        tracker.ReleaseHeldAsync(cancellationToken);
}

public static class WorkspaceSetup
{
    /// <summary>The workspace's circuit-scoped pieces: the lock tracker and the circuit handler that releases on close.</summary>
    public static IServiceCollection AddFacturixWorkspace(this IServiceCollection services)
    {
        services.AddScoped<WorkspaceLockTracker>();
        services.AddScoped<CircuitHandler, WorkspaceCircuitHandler>();
        return services;
    }
}
