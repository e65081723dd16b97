using Facturix.Domain.Users;

namespace Facturix.Domain.Workspace;

/// <summary>
/// Who has a lead open right now (the <c>lead-presence</c> hook), shared across instances through the
/// <c>lead_presences</c> table and the <c>LeadPresenceChanged</c> live event. A circuit joins when it shows the lead,
/// renews while open, and leaves when it navigates away or closes; stale rows expire.
/// </summary>
public interface ILeadPresence
{
    Task JoinAsync(Actor actor, Guid leadId, string circuitId, CancellationToken ct = default);

    Task LeaveAsync(Actor actor, Guid leadId, string circuitId, CancellationToken ct = default);

    /// <summary>The people viewing <paramref name="leadId"/> (the actor included), when the actor may see the lead.</summary>
    Task<IReadOnlyList<LeadViewer>> GetViewersAsync(Actor actor, Guid leadId, CancellationToken ct = default);
}

public sealed record LeadViewer(Guid UserId, string Email, string DisplayName);

/// <summary>The presence rhythm shared by the service (what counts as fresh) and the lead page (how often it renews).</summary>
public static class LeadPresenceTimes
{
    /// <summary>How long a row counts without being renewed: four missed renewals, so a slow circuit never flickers.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(2);

    /// <summary>How often an open lead page renews its row and re-reads the viewers (so stale people drop off).</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);
}

/// <summary>One circuit showing one lead (table <c>lead_presences</c>).</summary>
public sealed class LeadPresenceEntry
{
    public required string CircuitId { get; set; }
    public Guid LeadId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset SeenAt { get; set; }
}
