using Facturix.App.Shell;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Users;

namespace Facturix.App.Dashboard;

/// <summary>The one call to action of an empty dashboard card: what it does (<see cref="Kind"/>, a hook) and where it goes.</summary>
/// <param name="Href">Null for an action the card performs itself (setting a goal opens the goal dialog).</param>
public sealed record EmptyAction(string Kind, string? Href);

/// <summary>
/// Which action an empty card offers its viewer (design system: an empty state says why in one sentence and offers one
/// call to action; docs/decisions/0089). Each is decided with the capability the service or page behind it demands, so
/// nobody is offered what would be refused: a goal needs <see cref="Capability.AnalyticsTeam"/> (GoalService), assigning
/// BDs <see cref="Capability.CampaignsAssign"/> (CampaignAssignmentService), closing or reviewing campaigns
/// <see cref="Capability.CampaignsConfigure"/> (CampaignService state moves), the workspace
/// <see cref="Capability.WorkspaceWork"/>, an import <see cref="Capability.ImportsRun"/> and a campaign that still
/// takes leads (0084, 0092). Where the viewer can do nothing about it, the card explains and offers nothing.
/// </summary>
public static class DashboardEmptyActions
{
    public const string SetGoal = "set-goal";
    public const string Campaigns = "campaigns";
    public const string Assign = "assign";
    public const string Workspace = "workspace";
    public const string Import = "import";

    /// <summary>No current goal: someone who sets goals sets one (the existing goal dialog).</summary>
    public static EmptyAction? Goals(Actor? viewer) => Can(viewer, Capability.AnalyticsTeam) ? new(SetGoal, null) : null;

    /// <summary>Nothing at risk: who runs campaigns reviews them; a BD has nothing to do about it.</summary>
    public static EmptyAction? AtRisk(Actor? viewer) => Can(viewer, Capability.CampaignsConfigure) ? new(Campaigns, "/campaigns") : null;

    /// <summary>
    /// No BD in scope: BDs are assigned campaign by campaign, on the campaign's Assignments tab. With one open campaign
    /// in view the action goes straight to that tab; with several, to the list to pick one (the action used to go to the
    /// list even when there was nothing to pick).
    /// </summary>
    public static EmptyAction? BdTiles(Actor? viewer, IReadOnlyList<CampaignRow> campaigns) =>
        Can(viewer, Capability.CampaignsAssign) ? new(Assign, AssignHref(campaigns)) : null;

    /// <summary>
    /// No call or e-mail on these days. On "team": nobody worked, and who assigns BDs goes to the campaigns; on "mine":
    /// the viewer has not worked yet, and their workspace is where calls start.
    /// </summary>
    public static EmptyAction? Trend(Actor? viewer, MetricsScope scope, IReadOnlyList<CampaignRow> campaigns) => scope == MetricsScope.Team
        ? BdTiles(viewer, campaigns)
        : Can(viewer, Capability.WorkspaceWork) ? new(Workspace, "/workspace") : null;

    /// <summary>No lead in the selection: who imports brings some, into the chosen campaign when there is one.</summary>
    public static EmptyAction? Funnel(Actor? viewer, Guid? campaignId, bool campaignClosed) =>
        CanImport(viewer) && !campaignClosed ? new(Import, campaignId is { } id ? $"/import?campaign={id}" : "/import") : null;

    /// <summary>No lead entered the campaign yet (its cohorts): who imports brings some into it.</summary>
    public static EmptyAction? Cohorts(Actor? viewer, Guid campaignId, bool campaignClosed) => Funnel(viewer, campaignId, campaignClosed);

    /// <summary>An ended campaign still active is closed on its page by who may move a campaign's state.</summary>
    public static bool CanCloseCampaigns(Actor? viewer) => Can(viewer, Capability.CampaignsConfigure);

    /// <summary>The one open campaign's Assignments tab, else the campaigns list (a closed campaign takes no new BDs' work).</summary>
    private static string AssignHref(IReadOnlyList<CampaignRow> campaigns) =>
        campaigns.Where(c => CampaignStateRules.TakesNewLeads(c.State)).Take(2).ToList() is [var only]
            ? $"/campaigns/{only.Id}?tab=assignments"
            : "/campaigns";

    private static bool CanImport(Actor? viewer) => ShellFeatures.ImportEnabled && Can(viewer, Capability.ImportsRun);

    private static bool Can(Actor? viewer, Capability capability) => viewer?.Can(capability) == true;
}
