using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Infrastructure.Database;

namespace Facturix.Tests.Leads.Duplicates;

/// <summary>Leads with exactly the values a duplicate test needs (nothing shared by accident), activities and tasks.</summary>
internal static class DuplicateTestData
{
    private static int _counter;

    public static async Task<Lead> LeadAsync(Func<FacturixDb> newDb, Campaign campaign, Action<Lead>? set = null)
    {
        var n = Interlocked.Increment(ref _counter);
        var lead = new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = campaign.AccountId,
            FirstName = $"Prénom{n}", LastName = $"Nom{n}", Company = $"Entreprise {n}", Country = "FR",
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        set?.Invoke(lead);
        await using var db = newDb();
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead;
    }

    public static async Task<(List<Guid> Activities, List<Guid> Tasks)> HistoryAsync(Func<FacturixDb> newDb, Lead lead, Guid userId, int activities, int tasks)
    {
        await using var db = newDb();
        var now = DateTimeOffset.UtcNow;
        var a = Enumerable.Range(0, activities).Select(i => new Activity
        {
            Id = Guid.CreateVersion7(), LeadId = lead.Id, AccountId = lead.AccountId, CampaignId = lead.CampaignId, UserId = userId,
            Kind = ActivityKind.Note, Body = $"note {i}", OccurredAt = now.AddMinutes(-i), CreatedAt = now,
        }).ToList();
        var t = Enumerable.Range(0, tasks).Select(i => new TaskItem
        {
            Id = Guid.CreateVersion7(), Title = $"Rappel {i}", AssigneeId = userId, LeadId = lead.Id, AccountId = lead.AccountId,
            CampaignId = lead.CampaignId, CreatedAt = now, UpdatedAt = now,
        }).ToList();
        db.Activities.AddRange(a);
        db.Tasks.AddRange(t);
        await db.SaveChangesAsync();
        return (a.Select(x => x.Id).ToList(), t.Select(x => x.Id).ToList());
    }
}
