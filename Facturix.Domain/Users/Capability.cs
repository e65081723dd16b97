namespace Facturix.Domain.Users;

/// <summary>
/// The closed list of things a person may be allowed to do. Roles map to capabilities through the matrix stored in
/// <c>role_capabilities</c> (defaults in <see cref="RoleCapabilities"/>); services guard with
/// <see cref="Actor.Demand"/>, pages with <c>[RequireCapability]</c>, the navigation hides what is not granted.
/// Stored and shown by <see cref="Capabilities.Key"/> ("leads.export"): never rename a key.
/// </summary>
public enum Capability
{
    AccountsManage,
    CampaignsConfigure,
    CampaignsAssign,
    LeadsRead,
    LeadsEdit,
    LeadsExport,
    LeadsBulk,
    LeadsDelete,
    WorkspaceWork,
    ImportsRun,
    AnalyticsTeam,
    ScopeAgency,
    UsersManage,
    PermissionsManage,
    AuditRead,
    PortalManage,
}

public static class Capabilities
{
    private static readonly Dictionary<Capability, string> Keys = new()
    {
        [Capability.AccountsManage] = "accounts.manage",
        [Capability.CampaignsConfigure] = "campaigns.configure",
        [Capability.CampaignsAssign] = "campaigns.assign",
        [Capability.LeadsRead] = "leads.read",
        [Capability.LeadsEdit] = "leads.edit",
        [Capability.LeadsExport] = "leads.export",
        [Capability.LeadsBulk] = "leads.bulk",
        [Capability.LeadsDelete] = "leads.delete",
        [Capability.WorkspaceWork] = "workspace.work",
        [Capability.ImportsRun] = "imports.run",
        [Capability.AnalyticsTeam] = "analytics.team",
        [Capability.ScopeAgency] = "scope.agency",
        [Capability.UsersManage] = "users.manage",
        [Capability.PermissionsManage] = "permissions.manage",
        [Capability.AuditRead] = "audit.read",
        [Capability.PortalManage] = "portal.manage",
    };

    private static readonly Dictionary<string, Capability> ByKey = Keys.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyList<Capability> All { get; } = Enum.GetValues<Capability>();

    /// <summary>The stable key stored in the database and used in policy names: "leads.export".</summary>
    public static string Key(this Capability capability) => Keys[capability];

    public static bool TryParse(string? key, out Capability capability) =>
        ByKey.TryGetValue(key ?? "", out capability);
}
