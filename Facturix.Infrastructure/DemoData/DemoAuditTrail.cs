using System.Text.Json;
using Facturix.Domain.Audit;
using Facturix.Domain.Campaigns;

namespace Facturix.Infrastructure.DemoData;

/// <summary>The audit events the seeded history implies (accounts created, campaigns paused or completed) and the seed itself.</summary>
internal sealed class DemoAuditTrail(DemoGenerationContext context)
{
    public void CreateAuditEvents()
    {
        var set = context.Set;
        var admin = context.Admin;
        var manager = context.Manager;
        foreach (var account in set.Accounts)
            set.AuditEvents.Add(Audit(account.CreatedAt, admin.Id, "account.created", "account", account.Id, account.Name, new { name = account.Name }));
        foreach (var plan in context.CampaignPlans.Where(p => p.Campaign.State is CampaignState.Paused or CampaignState.Completed))
            set.AuditEvents.Add(Audit(plan.WorkUntil, manager.Id, "campaign.state-changed", "campaign", plan.Campaign.Id, plan.Campaign.Name,
                new { from = nameof(CampaignState.Active), to = plan.Campaign.State.ToString() }));
        set.AuditEvents.Add(Audit(context.Now, null, "demo.seeded", "database", null, null, new
        {
            seed = context.Options.Seed,
            leads = set.Leads.Count,
            activities = context.LeadPlans.Sum(l => l.Story.Count),
            tasks = set.Tasks.Count,
        }));
    }

    // The target's name as the services write it (AuditTrail), so the demo log's rows read "Acme SAS · compte client".
    private static AuditEvent Audit(DateTimeOffset at, Guid? actor, string action, string entityType, Guid? entityId, string? targetLabel, object details) => new()
    {
        OccurredAt = at,
        ActorId = actor,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        TargetLabel = targetLabel,
        Details = JsonSerializer.Serialize(details),
    };
}
