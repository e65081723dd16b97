namespace Facturix.App.Shell;

/// <summary>The areas of the app the shell can show an entry for.</summary>
public enum ShellFeature
{
    Dashboard,
    Workspace,
    Leads,
    Accounts,
    Campaigns,
    Import,
    Inbox,
    Tasks,
    Search,
    Admin,
    Notifications,
}

/// <summary>
/// Which features are built. The navigation and the app bar only show what exists, so nobody lands on a
/// page that 404s. Flip a flag to true in the change that ships the feature's page.
/// (Properties rather than constants: a constant false would make the guarded markup unreachable code.)
/// </summary>
public static class ShellFeatures
{
    public static bool DashboardEnabled => true;
    public static bool WorkspaceEnabled => true; // Workspace/WorkspacePage.razor (/workspace)
    public static bool LeadsEnabled => true; // Leads/LeadsPage.razor (/leads)
    public static bool AccountsEnabled => true; // Accounts/AccountsPage.razor (/accounts)
    public static bool CampaignsEnabled => true; // Campaigns/CampaignsPage.razor (/campaigns)
    public static bool ImportEnabled => true; // Import/ImportPage.razor (/import)
    public static bool InboxEnabled => false;
    public static bool TasksEnabled => true; // Tasks/TasksPage.razor (/tasks)
    public static bool SearchEnabled => true; // Search/SearchPage.razor (/search)
    public static bool AdminEnabled => true; // Users/Admin/AdminUsersPage.razor (/admin)
    public static bool NotificationsEnabled => false;

    public static bool IsBuilt(ShellFeature feature) => feature switch
    {
        ShellFeature.Dashboard => DashboardEnabled,
        ShellFeature.Workspace => WorkspaceEnabled,
        ShellFeature.Leads => LeadsEnabled,
        ShellFeature.Accounts => AccountsEnabled,
        ShellFeature.Campaigns => CampaignsEnabled,
        ShellFeature.Import => ImportEnabled,
        ShellFeature.Inbox => InboxEnabled,
        ShellFeature.Tasks => TasksEnabled,
        ShellFeature.Search => SearchEnabled,
        ShellFeature.Admin => AdminEnabled,
        ShellFeature.Notifications => NotificationsEnabled,
        _ => false,
    };
}
