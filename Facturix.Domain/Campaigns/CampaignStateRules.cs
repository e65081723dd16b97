namespace Facturix.Domain.Campaigns;

/// <summary>
/// The campaign life cycle: a draft is launched, an active campaign is paused and resumed, an active or paused one is
/// completed, a completed one is archived. Nothing goes back to draft, and nothing leaves completed but archiving:
/// its figures are what the client was billed on.
/// </summary>
public static class CampaignStateRules
{
    private static readonly Dictionary<CampaignState, CampaignState[]> Next = new()
    {
        [CampaignState.Draft] = [CampaignState.Active],
        [CampaignState.Active] = [CampaignState.Paused, CampaignState.Completed],
        [CampaignState.Paused] = [CampaignState.Active, CampaignState.Completed],
        [CampaignState.Completed] = [CampaignState.Archived],
        [CampaignState.Archived] = [],
    };

    public static bool CanMove(CampaignState from, CampaignState to) =>
        Next.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>The states a campaign in <paramref name="from"/> may move to, in the order buttons show them.</summary>
    public static IReadOnlyList<CampaignState> TargetsFrom(CampaignState from) =>
        Next.TryGetValue(from, out var targets) ? targets : [];

    /// <summary>
    /// Whether new leads may come in (an import): not once the campaign is completed (its figures were reported and
    /// billed, and the workspace no longer offers its leads) nor archived (docs/decisions/0084, 0092).
    /// </summary>
    public static bool TakesNewLeads(CampaignState state) => state is CampaignState.Draft or CampaignState.Active or CampaignState.Paused;

    /// <summary>Moves that cannot be undone by another move, so the UI asks first.</summary>
    public static bool IsIrreversible(CampaignState to) => to is CampaignState.Completed or CampaignState.Archived;
}
