using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Support;

/// <summary>How a journey's own campaign reads: its account's and its name's first words, and each lead's values.</summary>
/// <param name="ShapeLead">Changes the default lead (index from 0), e.g. long names for a layout check.</param>
public sealed record JourneyCampaign(string AccountName = "Journey", string CampaignName = "Espace", Action<Lead, int>? ShapeLead = null);

public abstract partial class BrowserTest
{
    /// <summary>
    /// A campaign of the journey's own (the default statuses and outcomes), active, callable all day (00:00–00:00,
    /// decision 0077: the demo campaigns keep office hours, and out of them their queues are empty), assigned to
    /// <paramref name="bdEmails"/>, with <paramref name="leads"/> new leads.
    /// </summary>
    protected Task<(Guid CampaignId, Guid[] LeadIds)> AllDayCampaignAsync(int leads, params string[] bdEmails) =>
        AllDayCampaignAsync(new JourneyCampaign(), leads, bdEmails);

    protected async Task<(Guid CampaignId, Guid[] LeadIds)> AllDayCampaignAsync(JourneyCampaign look, int leads, params string[] bdEmails)
    {
        var now = DateTimeOffset.UtcNow;
        var admin = await App.ActorAsync("admin@facturix.local");
        var account = new Account { Id = Guid.CreateVersion7(), Name = $"{look.AccountName} {Guid.NewGuid():N}", CreatedAt = now, UpdatedAt = now };
        await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        var campaignId = await App.Get<ICampaignService>().CreateAsync(admin,
            new CampaignInput { AccountId = account.Id, Name = $"{look.CampaignName} {Guid.NewGuid():N}"[..(look.CampaignName.Length + 10)] });
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId);
        campaign.State = CampaignState.Active;
        (campaign.CallingHoursStart, campaign.CallingHoursEnd) = (TimeOnly.MinValue, TimeOnly.MinValue);
        foreach (var email in bdEmails)
            db.CampaignAssignments.Add(new CampaignAssignment { CampaignId = campaign.Id, UserId = (await App.ActorAsync(email)).UserId, AssignedAt = now });
        var created = Enumerable.Range(0, leads).Select(i =>
        {
            var lead = new Lead
            {
                Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = account.Id, Status = LeadStatus.New,
                FirstName = "Camille", LastName = $"Journey {i}", Company = $"Société {i}", Email = $"journey{i}-{Guid.NewGuid():N}@example.fr",
                Phone = "+33612345678", Country = "FR", CreatedAt = now, UpdatedAt = now,
            };
            look.ShapeLead?.Invoke(lead, i);
            return lead;
        }).ToList();
        db.Leads.AddRange(created);
        await db.SaveChangesAsync();
        return (campaign.Id, created.Select(l => l.Id).ToArray());
    }

    /// <summary>
    /// A manager of the journey's own, in charge of <paramref name="campaignId"/>'s account, so their scope is that account's
    /// campaigns and nothing of the demo's. The assignment is written directly, behind the live events' back, so the
    /// dashboard's cached pieces are cleared: they would otherwise be those an earlier journey of the run loaded.
    /// </summary>
    protected async Task<(string Email, Guid UserId)> NewManagerOfAsync(Guid campaignId, string prefix)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@test.local";
        var userId = await App.CreateUserAsync(email, Facturix.Domain.Users.Roles.Manager);
        await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        var accountId = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.AccountId).SingleAsync();
        db.AccountAssignments.Add(new AccountAssignment { AccountId = accountId, UserId = userId, AssignedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        App.Get<Facturix.Infrastructure.Dashboard.Pieces.DashboardPieces>().Clear();
        return (email, userId);
    }
}
