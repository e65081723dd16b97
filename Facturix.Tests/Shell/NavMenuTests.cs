using Bunit;
using Facturix.App.Shell;
using Facturix.Domain.Users;

namespace Facturix.Tests.Shell;

public sealed class NavMenuTests : ShellTestContext
{
    private static readonly string[] AllEntries =
    [
        "nav-dashboard", "nav-workspace", "nav-leads", "nav-accounts", "nav-campaigns",
        "nav-import", "nav-inbox", "nav-tasks", "nav-search", "nav-admin",
    ];

    private static string[] RenderedEntries(IRenderedComponent<NavMenu> cut) =>
        cut.FindAll("[data-testid^=nav-]").Select(e => e.GetAttribute("data-testid")!).ToArray();

    [Fact]
    public void The_contract_lists_every_entry_once()
    {
        Assert.Equal(AllEntries, NavEntry.All.Select(e => e.TestId));
    }

    [Fact]
    public void Only_built_features_are_shown_even_to_an_admin()
    {
        SignIn(Roles.Admin);

        var cut = Render<NavMenu>();

        var built = NavEntry.All.Where(e => ShellFeatures.IsBuilt(e.Feature)).Select(e => e.TestId).ToArray();
        Assert.Equal(built, RenderedEntries(cut));
        Assert.Contains("nav-dashboard", built);
        // Not built yet: hidden, so nobody lands on a page that does not exist.
        Assert.Contains("nav-leads", RenderedEntries(cut)); // built in issue 13
        Assert.Contains("nav-workspace", RenderedEntries(cut)); // built in issue 14
        Assert.Contains("nav-import", RenderedEntries(cut)); // built in issue 15
        Assert.DoesNotContain("nav-inbox", RenderedEntries(cut));
    }

    [Fact]
    public void With_the_real_flags_a_business_developer_sees_the_dashboard_but_not_admin()
    {
        SignIn(Roles.BusinessDeveloper);

        var cut = RenderShell();

        Assert.Single(cut.FindAll("[data-testid=nav-dashboard]"));
        Assert.Single(cut.FindAll("[data-testid=nav-workspace]")); // business developers work the queue
        Assert.Empty(cut.FindAll("[data-testid=nav-admin]"));
        Assert.Empty(cut.FindAll("[data-testid=nav-import]")); // built, but imports.run is not a BD's
    }

    [Fact]
    public void The_notifications_bell_is_not_rendered_while_notifications_are_not_built()
    {
        SignIn(Roles.Admin);

        var cut = RenderShell();

        Assert.Equal(ShellFeatures.NotificationsEnabled ? 1 : 0, cut.FindAll("[data-testid=notifications-bell]").Count);
    }

    [Fact]
    public void A_business_developer_sees_their_campaigns_but_never_admin_import_or_accounts()
    {
        SignIn(Roles.BusinessDeveloper);

        var cut = Render<NavMenu>(p => p.Add(n => n.IsBuilt, _ => true));

        Assert.Equal(
            ["nav-dashboard", "nav-workspace", "nav-leads", "nav-campaigns", "nav-inbox", "nav-tasks", "nav-search"],
            RenderedEntries(cut));
    }

    [Fact]
    public void A_manager_sees_accounts_campaigns_import_and_the_admin_area_for_its_audit_log()
    {
        SignIn(Roles.Manager);

        var cut = Render<NavMenu>(p => p.Add(n => n.IsBuilt, _ => true));

        var entries = RenderedEntries(cut);
        Assert.Contains("nav-accounts", entries);
        Assert.Contains("nav-campaigns", entries);
        Assert.Contains("nav-import", entries);
        // Managers read the audit log by default (audit.read), though not users or permissions.
        Assert.Contains("nav-admin", entries);
    }

    [Fact]
    public void An_admin_sees_every_built_entry()
    {
        SignIn(Roles.Admin);

        var cut = Render<NavMenu>(p => p.Add(n => n.IsBuilt, _ => true));

        Assert.Equal(AllEntries, RenderedEntries(cut));
    }

    [Fact]
    public void Nav_entries_are_links_to_their_feature()
    {
        SignIn(Roles.BusinessDeveloper);

        var cut = Render<NavMenu>();

        var link = cut.Find("[data-testid=nav-dashboard]");
        Assert.Equal("a", link.TagName, ignoreCase: true);
        Assert.Equal("dashboard", link.GetAttribute("href"));
    }
}
