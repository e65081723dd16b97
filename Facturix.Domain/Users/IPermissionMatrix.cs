namespace Facturix.Domain.Users;

/// <summary>The role → capability matrix stored in <c>role_capabilities</c> (defaults in <see cref="RoleCapabilities"/>).</summary>
public interface IPermissionMatrix
{
    /// <summary>Every role with its granted capabilities (<see cref="Capability.PermissionsManage"/>).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlySet<Capability>>> GetAsync(Actor actor, CancellationToken ct = default);

    /// <summary>
    /// Grants or revokes one capability of one role (<see cref="Capability.PermissionsManage"/>); everyone's open
    /// circuits follow. Refused with <c>ErrorCodes.PermissionsLockout</c> when it would take
    /// <see cref="Capability.PermissionsManage"/> from the last role holding it (nobody could edit the matrix again).
    /// </summary>
    Task SetAsync(Actor actor, string role, Capability capability, bool granted, CancellationToken ct = default);

    /// <summary>
    /// Puts every role back to <see cref="RoleCapabilities.Defaults"/> (<see cref="Capability.PermissionsManage"/>),
    /// audited with the matrix before and after; everyone's open circuits follow.
    /// </summary>
    Task ResetToDefaultsAsync(Actor actor, CancellationToken ct = default);
}
