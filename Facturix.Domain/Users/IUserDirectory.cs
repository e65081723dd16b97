namespace Facturix.Domain.Users;

public sealed record UserSummary(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut);

public interface IUserDirectory
{
    /// <summary>Every staff member with their roles, for the admin page. Admins only.</summary>
    Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken ct = default);
}
