using Facturix.Domain.Users;

namespace Facturix.App.Users.Admin;

/// <summary>The admin area's sections, in tab order, each opened by its own capability (AdminTabs, AdminHome).</summary>
public sealed record AdminSection(string TestId, string Href, string LabelKey, Capability Requires);

public static class AdminSections
{
    public static IReadOnlyList<AdminSection> All { get; } =
    [
        new("admin-tab-users", "/admin/users", "Tab.Users", Capability.UsersManage),
        new("admin-tab-permissions", "/admin/permissions", "Tab.Permissions", Capability.PermissionsManage),
        new("admin-tab-audit", "/admin/audit", "Tab.Audit", Capability.AuditRead),
        new("admin-tab-aircall", "/admin/aircall", "Tab.Aircall", Capability.UsersManage),
    ];
}
