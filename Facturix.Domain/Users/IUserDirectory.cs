namespace Facturix.Domain.Users;

public sealed record UserSummary(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut, bool Active);

/// <summary>The staff list and the changes that alter someone's access. Each change reaches that person's open tabs live.</summary>
public interface IUserDirectory
{
    /// <summary>The staff in the actor's scope (<see cref="Capability.UsersManage"/>): everyone, with roles and state.</summary>
    Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken ct = default);

    /// <summary>Replaces a user's roles (<see cref="Capability.UsersManage"/>). Their open circuits lose or gain pages at once.</summary>
    Task SetRolesAsync(Actor actor, Guid userId, IReadOnlyCollection<string> roles, CancellationToken ct = default);

    /// <summary>Deactivates or reactivates a user (<see cref="Capability.UsersManage"/>); a deactivated user can do nothing.</summary>
    Task SetActiveAsync(Actor actor, Guid userId, bool active, CancellationToken ct = default);
}
