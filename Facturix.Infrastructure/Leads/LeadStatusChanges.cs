using Facturix.Domain.Activities;
using Facturix.Domain.Leads;

namespace Facturix.Infrastructure.Leads;

/// <summary>
/// A lead's stage changed on its own row by a call outcome: the new stage and a status activity that records from/to as
/// data, which the caller writes and announces. (The lead page's status menu moves the lead as a board card move does.)
/// </summary>
internal static class LeadStatusChanges
{
    /// <summary>
    /// The change itself, for a writer that saves without EF (the workspace's outcome): moves <paramref name="lead"/> and
    /// returns its status activity, which the caller writes and announces; null when the lead is already there.
    /// </summary>
    public static Activity? Change(Lead lead, LeadStatus status, Guid userId, DateTimeOffset now)
    {
        if (lead.Status == status) return null;
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(now),
            LeadId = lead.Id, AccountId = lead.AccountId, CampaignId = lead.CampaignId, UserId = userId,
            Kind = ActivityKind.Status, StatusFrom = lead.Status, StatusTo = status,
            OccurredAt = now, CreatedAt = now,
        };
        lead.Status = status;
        lead.UpdatedAt = now;
        lead.LastActivityAt = now;
        return activity;
    }
}
