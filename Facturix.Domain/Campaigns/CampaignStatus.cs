using Facturix.Domain.Leads;

namespace Facturix.Domain.Campaigns;

/// <summary>
/// A campaign-specific lead status (backlog 2.3.3). Each maps onto one global <see cref="LeadStatus"/>
/// stage so that cross-campaign metrics (funnel, conversion) keep working.
/// </summary>
public sealed class CampaignStatus
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    /// <summary>Stable machine key, e.g. "rdv-pris"; used in <c>outcome-{key}</c> test hooks.</summary>
    public required string Key { get; set; }
    public required string Label { get; set; }
    public LeadStatus Stage { get; set; }
    public StatusCategory Category => Stage.Category();
    public string? Color { get; set; }
    public int SortOrder { get; set; }
}
