using Facturix.Domain.Users;

namespace Facturix.App.Shell;

/// <summary>One entry of the navigation drawer.</summary>
/// <param name="TestId">The UI-contract hook (<c>nav-*</c>).</param>
/// <param name="Href">Route of the feature's main page.</param>
/// <param name="LabelKey">Key in <c>SharedStrings</c>.</param>
/// <param name="Icon">MudBlazor icon (SVG path).</param>
/// <param name="Feature">Hidden while this feature is not built.</param>
/// <param name="Requires">The capability the feature's page demands; null means every active staff member.</param>
public sealed record NavEntry(string TestId, string Href, string LabelKey, string Icon, ShellFeature Feature, Capability? Requires)
{
    /// <summary>Other capabilities that also open the feature (the admin area: users, permissions or audit).</summary>
    public IReadOnlyList<Capability> OrRequires { get; init; } = [];

    /// <summary>Every entry of the UI contract, in display order. The UI hides; pages and services still guard.</summary>
    public static IReadOnlyList<NavEntry> All { get; } =
    [
        new("nav-dashboard", "dashboard", "Nav.Dashboard", MudBlazor.Icons.Material.Outlined.SpaceDashboard, ShellFeature.Dashboard, null),
        new("nav-workspace", "workspace", "Nav.Workspace", MudBlazor.Icons.Material.Outlined.HeadsetMic, ShellFeature.Workspace, Capability.WorkspaceWork),
        new("nav-leads", "leads", "Nav.Leads", MudBlazor.Icons.Material.Outlined.PeopleAlt, ShellFeature.Leads, Capability.LeadsRead),
        new("nav-accounts", "accounts", "Nav.Accounts", MudBlazor.Icons.Material.Outlined.Business, ShellFeature.Accounts, Capability.AccountsManage),
        // BDs see a read-only list of their campaigns: every staff member opens it, each sees their scope.
        new("nav-campaigns", "campaigns", "Nav.Campaigns", MudBlazor.Icons.Material.Outlined.Campaign, ShellFeature.Campaigns, null),
        new("nav-import", "import", "Nav.Import", MudBlazor.Icons.Material.Outlined.UploadFile, ShellFeature.Import, Capability.ImportsRun),
        new("nav-inbox", "inbox", "Nav.Inbox", MudBlazor.Icons.Material.Outlined.Inbox, ShellFeature.Inbox, null),
        new("nav-tasks", "tasks", "Nav.Tasks", MudBlazor.Icons.Material.Outlined.TaskAlt, ShellFeature.Tasks, null),
        new("nav-search", "search", "Nav.Search", MudBlazor.Icons.Material.Outlined.Search, ShellFeature.Search, null),
        new("nav-admin", "admin", "Nav.Admin", MudBlazor.Icons.Material.Outlined.AdminPanelSettings, ShellFeature.Admin, Capability.UsersManage)
        {
            OrRequires = [Capability.PermissionsManage, Capability.AuditRead],
        },
    ];

    public bool IsVisibleTo(Actor? actor, Func<ShellFeature, bool> isBuilt) =>
        isBuilt(Feature)
        && actor is { IsActive: true }
        && (Requires is not { } needed || actor.Can(needed) || OrRequires.Any(actor.Can));
}
