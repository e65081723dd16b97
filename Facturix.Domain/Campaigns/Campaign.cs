namespace Facturix.Domain.Campaigns;

/// <summary>A prospecting campaign run for one client account over a lead list.</summary>
public sealed class Campaign
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public CampaignState State { get; set; } = CampaignState.Draft;
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    /// <summary>Call script and objection handling shown in the workspace drawer (markdown).</summary>
    public string? Script { get; set; }
    /// <summary>Minutes a BD keeps a lead before the lease runs out unless renewed.</summary>
    public int LockLeaseMinutes { get; set; } = 15;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
