namespace Facturix.Domain.Users;

/// <summary>The role → capability matrix stored in <c>role_capabilities</c> (defaults in <see cref="RoleCapabilities"/>).</summary>
public interface IPermissionMatrix
{
    /// <summary>Every role with its granted capabilities (<see cref="Capability.PermissionsManage"/>).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlySet<Capability>>> GetAsync(Actor actor, CancellationToken ct = default);

    /// <summary>Grants or revokes one capability of one role (<see cref="Capability.PermissionsManage"/>); everyone's open circuits follow.</summary>
    Task SetAsync(Actor actor, string role, Capability capability, bool granted, CancellationToken ct = default);
}
