namespace Facturix.Domain.Users;

/// <summary>Builds the <see cref="Actor"/> for a signed-in user from the database: roles, capabilities, active state, scope.</summary>
public interface IActorResolver
{
    /// <summary>The user's actor (inactive when deactivated), or null when no such user exists.</summary>
    Task<Actor?> ResolveAsync(Guid userId, CancellationToken ct = default);
}
