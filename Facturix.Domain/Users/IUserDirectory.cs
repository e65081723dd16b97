namespace Facturix.Domain.Users;

public sealed record UserSummary(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut, bool Active);

/// <summary>
/// The staff list and the changes that alter someone's access (all <see cref="Capability.UsersManage"/>). Each change
/// is audited and reaches that person's open tabs live. The agency always keeps one active admin: demoting or
/// deactivating the last one is refused with <c>conflict.last-admin</c>.
/// </summary>
public interface IUserDirectory
{
    /// <summary>The staff in the actor's scope: everyone, with roles and state.</summary>
    Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken ct = default);

    /// <summary>Creates a staff member with one role and a generated first password, returned once and never stored in clear.
    /// An email already in use is a validation failure on Email (<c>user.email.taken</c>).</summary>
    Task<CreatedUser> CreateAsync(Actor actor, NewUserInput input, CancellationToken ct = default);

    /// <summary>Replaces a user's roles. Their open circuits lose or gain pages at once.</summary>
    Task SetRolesAsync(Actor actor, Guid userId, IReadOnlyCollection<string> roles, CancellationToken ct = default);

    /// <summary>Deactivates or reactivates a user; a deactivated user can do nothing: their sessions end and their
    /// lead locks are released in the same commit.</summary>
    Task SetActiveAsync(Actor actor, Guid userId, bool active, CancellationToken ct = default);

    /// <summary>Gives someone else a new generated password (returned once), ends their sessions and lifts a lockout.</summary>
    Task<string> ResetPasswordAsync(Actor actor, Guid userId, CancellationToken ct = default);
}
