using Facturix.Domain.Common;

namespace Facturix.Domain.Users;

/// <summary>
/// The person a service call acts for, resolved on the server from the database (never from cookie claims) by
/// <see cref="IActorResolver"/>, and re-resolved in open circuits when their roles, permissions, assignments or
/// active state change. Every service method takes one first and guards with <see cref="Demand"/>; what the actor
/// may see is queried through the one scope definition in Infrastructure. UI hiding is a convenience, never the guard.
/// </summary>
public sealed record Actor(
    Guid UserId,
    string Email,
    string DisplayName,
    IReadOnlySet<string> Roles,
    IReadOnlySet<Capability> Capabilities,
    bool IsActive,
    ScopeSnapshot Scope)
{
    /// <summary>The browser's IP address when the actor acts from a circuit or a request (written into audit events); null otherwise.</summary>
    public string? ClientIp { get; init; }

    /// <summary>True when the actor is active and holds <paramref name="capability"/>.</summary>
    public bool Can(Capability capability) => IsActive && Capabilities.Contains(capability);

    /// <summary>Sees the whole agency (admins, or anyone granted <see cref="Capability.ScopeAgency"/>).</summary>
    public bool HasAgencyScope => Can(Capability.ScopeAgency);

    /// <summary>The one guard of every service entry point: throws <see cref="ForbiddenException"/> unless <see cref="Can"/>.</summary>
    public void Demand(Capability capability)
    {
        DemandActive();
        if (!Capabilities.Contains(capability))
            throw new ForbiddenException(ErrorCodes.Forbidden, capability);
    }

    /// <summary>For what any active staff member may do on their own behalf (their preferences, their own figures).</summary>
    public void DemandActive()
    {
        if (!IsActive)
            throw new ForbiddenException(ErrorCodes.ForbiddenInactive);
    }

    /// <summary>
    /// An actor with the default matrix of <paramref name="roles"/>, for component tests and tools that have no
    /// database. Production code always resolves actors through <see cref="IActorResolver"/>.
    /// </summary>
    public static Actor WithDefaultCapabilities(Guid userId, string email, params string[] roles)
    {
        var capabilities = RoleCapabilities.DefaultsFor(roles);
        return new Actor(userId, email, email, new HashSet<string>(roles, StringComparer.Ordinal), capabilities, IsActive: true,
            capabilities.Contains(Capability.ScopeAgency) ? ScopeSnapshot.WholeAgency : ScopeSnapshot.Nothing);
    }
}
