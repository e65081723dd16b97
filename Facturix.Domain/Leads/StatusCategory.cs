namespace Facturix.Domain.Leads;

/// <summary>
/// The five buckets every status (global or campaign-specific) falls into, so funnels, KPIs and the
/// calling queue compare across campaigns whatever each campaign calls its statuses.
/// </summary>
public enum StatusCategory
{
    New = 0,
    InProgress = 1,
    Won = 2,
    Lost = 3,
    DoNotCall = 4,
}

public static class StatusCategories
{
    public static StatusCategory Category(this LeadStatus status) => status switch
    {
        LeadStatus.New => StatusCategory.New,
        LeadStatus.Attempted or LeadStatus.Contacted or LeadStatus.Interested or LeadStatus.MeetingBooked => StatusCategory.InProgress,
        LeadStatus.Converted => StatusCategory.Won,
        LeadStatus.NotAFit => StatusCategory.Lost,
        LeadStatus.DoNotContact => StatusCategory.DoNotCall,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown lead status."),
    };
}
