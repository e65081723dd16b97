using Facturix.Domain.Activities;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;

namespace Facturix.Infrastructure.Leads;

/// <summary>
/// The one way a lead's stage changes on its own row (the lead page's status menu, a call outcome): the new stage, a
/// status activity that records from/to as data, and its <see cref="ActivityLogged"/>, staged for the caller's SaveChanges.
/// </summary>
internal static class LeadStatusChanges
{
    /// <summary>Moves the tracked <paramref name="lead"/> to <paramref name="status"/>; null (and nothing staged) when it is already there.</summary>
    public static Activity? Apply(FacturixDb db, Lead lead, LeadStatus status, Guid userId, DateTimeOffset now)
    {
        var activity = Change(lead, status, userId, now);
        if (activity is null) return null;
        db.Activities.Add(activity);
        db.Publish(new ActivityLogged(activity.Id, activity.Kind, lead.Id, lead.CampaignId, userId));
        return activity;
    }

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
