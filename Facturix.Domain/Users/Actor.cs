namespace Facturix.Domain.Users;

/// <summary>
/// The person a service call acts for. Every service entry point takes one and enforces scope with it,
/// so the UI hiding a button is a convenience, never the guard.
/// </summary>
public sealed record Actor(Guid UserId, string Email, IReadOnlySet<string> Roles)
{
    public bool IsAdmin => Roles.Contains(Users.Roles.Admin);
    public bool IsManager => Roles.Contains(Users.Roles.Manager);
    public bool IsBusinessDeveloper => Roles.Contains(Users.Roles.BusinessDeveloper);

    /// <summary>Admins and managers see the whole agency; a BD sees only what is assigned to them.</summary>
    public bool SeesWholeTeam => IsAdmin || IsManager;

    public static Actor Create(Guid userId, string email, params string[] roles) =>
        new(userId, email, new HashSet<string>(roles, StringComparer.Ordinal));
}
