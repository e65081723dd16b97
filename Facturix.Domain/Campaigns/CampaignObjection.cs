namespace Facturix.Domain.Campaigns;

/// <summary>One objection a prospect may raise and the answer the BD gives, shown with the script (backlog 2.2.3).</summary>
public sealed class CampaignObjection
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public required string Objection { get; set; }
    /// <summary>Markdown, rendered sanitized like the script.</summary>
    public required string Answer { get; set; }
    public int SortOrder { get; set; }
}
