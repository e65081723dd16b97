namespace Facturix.Domain.Users;

/// <summary>
/// The default role → capability matrix, written to <c>role_capabilities</c> at start for a role that has no rows
/// yet; after that the table is the truth (the admin's permission page edits it).
/// </summary>
public static class RoleCapabilities
{
    /// <summary>
    /// Admin: everything. Manager: everything but managing users and permissions, and without agency-wide scope
    /// (a manager sees the accounts assigned to them; grant <see cref="Capability.ScopeAgency"/> to widen it).
    /// BD: the workspace and their own leads.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<Capability>> Defaults { get; } =
        new Dictionary<string, IReadOnlySet<Capability>>(StringComparer.Ordinal)
        {
            [Roles.Admin] = Capabilities.All.ToHashSet(),
            [Roles.Manager] = Capabilities.All
                .Except([Capability.UsersManage, Capability.PermissionsManage, Capability.ScopeAgency])
                .ToHashSet(),
            [Roles.BusinessDeveloper] = new HashSet<Capability> { Capability.WorkspaceWork, Capability.LeadsRead, Capability.LeadsEdit },
        };

    /// <summary>The union of the default capabilities of <paramref name="roles"/>.</summary>
    public static IReadOnlySet<Capability> DefaultsFor(IEnumerable<string> roles) =>
        roles.SelectMany(r => Defaults.TryGetValue(r, out var caps) ? caps : Enumerable.Empty<Capability>()).ToHashSet();
}
