namespace Facturix.Domain.Campaigns;

/// <summary>Life cycle of a campaign. Only <see cref="Active"/> campaigns feed the workspace queue.</summary>
public enum CampaignState
{
    Draft = 0,
    Active = 1,
    Paused = 2,
    Completed = 3,
    Archived = 4,
}
