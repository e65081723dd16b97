namespace Facturix.Domain.Users;

/// <summary>
/// What an actor could see when it was resolved: the whole agency, or these accounts and campaigns. Pages use it to
/// ignore live events outside the viewer's scope. It is a filter for refreshes only: services never trust it and
/// query the database through the one scope definition in Infrastructure (<c>Users/Scope.cs</c>).
/// </summary>
public sealed record ScopeSnapshot(bool Agency, IReadOnlySet<Guid> AccountIds, IReadOnlySet<Guid> CampaignIds)
{
    public static ScopeSnapshot WholeAgency { get; } = new(true, new HashSet<Guid>(), new HashSet<Guid>());
    public static ScopeSnapshot Nothing { get; } = new(false, new HashSet<Guid>(), new HashSet<Guid>());

    public bool CoversCampaign(Guid campaignId) => Agency || CampaignIds.Contains(campaignId);
    public bool CoversAccount(Guid accountId) => Agency || AccountIds.Contains(accountId);

    /// <summary>
    /// A change to a campaign concerns the viewer when the campaign is in scope, or its account is: a campaign just
    /// created under an account the viewer manages is not in this snapshot yet.
    /// </summary>
    public bool CoversCampaignOf(Guid campaignId, Guid accountId) => CoversCampaign(campaignId) || CoversAccount(accountId);
}
