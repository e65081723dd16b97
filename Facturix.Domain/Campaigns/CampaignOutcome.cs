using Facturix.Domain.Leads;

namespace Facturix.Domain.Campaigns;

/// <summary>
/// A call outcome a BD can log in a campaign's workspace (backlog 2.2.2), with its keyboard digit and
/// side effects. Defaults (no answer, voicemail, interested, not a fit) are copied into each campaign.
/// </summary>
public sealed class CampaignOutcome
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    /// <summary>Stable key, e.g. "no-answer"; the workspace hook is <c>outcome-{key}</c>.</summary>
    public required string Key { get; set; }
    public required string Label { get; set; }
    /// <summary>1-9: the workspace shortcut.</summary>
    public int? Hotkey { get; set; }
    public int SortOrder { get; set; }
    /// <summary>Status the lead moves to; null leaves it unchanged.</summary>
    public LeadStatus? TargetStatus { get; set; }
    public Guid? TargetCampaignStatusId { get; set; }
    /// <summary>Schedules the next call this long after the outcome; null schedules nothing.</summary>
    public int? CallbackDelayMinutes { get; set; }
    public bool RequiresCallbackDate { get; set; }
    public bool RequiresNote { get; set; }
    public bool CountsAsContact { get; set; }
    public bool CountsAsConversion { get; set; }
}
