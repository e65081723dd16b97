namespace Facturix.App.Shell;

/// <summary>One entry of the navigation drawer.</summary>
/// <param name="TestId">The UI-contract hook (<c>nav-*</c>).</param>
/// <param name="Href">Route of the feature's main page.</param>
/// <param name="LabelKey">Key in <c>SharedStrings</c>.</param>
/// <param name="Icon">MudBlazor icon (SVG path).</param>
/// <param name="Feature">Hidden while this feature is not built.</param>
/// <param name="Roles">Roles that see the entry; empty means every signed-in staff member.</param>
public sealed record NavEntry(string TestId, string Href, string LabelKey, string Icon, ShellFeature Feature, IReadOnlyList<string> Roles)
{
    private static readonly string[] Everyone = [];
    private static readonly string[] ManagersAndAdmins = [Domain.Users.Roles.Admin, Domain.Users.Roles.Manager];
    private static readonly string[] AdminsOnly = [Domain.Users.Roles.Admin];

    /// <summary>Every entry of the UI contract, in display order. The UI hides; services still guard.</summary>
    public static IReadOnlyList<NavEntry> All { get; } =
    [
        new("nav-dashboard", "dashboard", "Nav.Dashboard", MudBlazor.Icons.Material.Outlined.SpaceDashboard, ShellFeature.Dashboard, Everyone),
        new("nav-workspace", "workspace", "Nav.Workspace", MudBlazor.Icons.Material.Outlined.HeadsetMic, ShellFeature.Workspace, Everyone),
        new("nav-leads", "leads", "Nav.Leads", MudBlazor.Icons.Material.Outlined.PeopleAlt, ShellFeature.Leads, Everyone),
        new("nav-accounts", "accounts", "Nav.Accounts", MudBlazor.Icons.Material.Outlined.Business, ShellFeature.Accounts, ManagersAndAdmins),
        new("nav-campaigns", "campaigns", "Nav.Campaigns", MudBlazor.Icons.Material.Outlined.Campaign, ShellFeature.Campaigns, ManagersAndAdmins),
        new("nav-import", "import", "Nav.Import", MudBlazor.Icons.Material.Outlined.UploadFile, ShellFeature.Import, AdminsOnly),
        new("nav-inbox", "inbox", "Nav.Inbox", MudBlazor.Icons.Material.Outlined.Inbox, ShellFeature.Inbox, Everyone),
        new("nav-tasks", "tasks", "Nav.Tasks", MudBlazor.Icons.Material.Outlined.TaskAlt, ShellFeature.Tasks, Everyone),
        new("nav-search", "search", "Nav.Search", MudBlazor.Icons.Material.Outlined.Search, ShellFeature.Search, Everyone),
        new("nav-admin", "admin", "Nav.Admin", MudBlazor.Icons.Material.Outlined.AdminPanelSettings, ShellFeature.Admin, AdminsOnly),
    ];

    public bool IsVisibleTo(System.Security.Claims.ClaimsPrincipal user, Func<ShellFeature, bool> isBuilt) =>
        isBuilt(Feature)
        && user.Identity?.IsAuthenticated == true
        && (Roles.Count == 0 || Roles.Any(user.IsInRole));
}
