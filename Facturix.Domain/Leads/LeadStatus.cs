namespace Facturix.Domain.Leads;

/// <summary>
/// Global pipeline stages of a lead. Stored as text so that adding a stage needs no data migration.
/// <see cref="Converted"/> is the stage that counts as a conversion in every metric.
/// </summary>
public enum LeadStatus
{
    New = 0,
    Attempted = 1,
    Contacted = 2,
    Interested = 3,
    MeetingBooked = 4,
    Converted = 5,
    NotAFit = 6,
    DoNotContact = 7,
}

public static class LeadStatusRules
{
    /// <summary>Stages after which a lead leaves the calling queue.</summary>
    public static bool IsClosed(this LeadStatus status) =>
        status.Category() is StatusCategory.Won or StatusCategory.Lost or StatusCategory.DoNotCall;
}
