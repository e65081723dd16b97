namespace Facturix.Domain.Campaigns;

/// <summary>A BD (or manager) allowed to work a campaign's leads. It is what scopes a BD's view.</summary>
public sealed class CampaignAssignment
{
    public Guid CampaignId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
}
