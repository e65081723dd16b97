using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Calls;

/// <summary>
/// The real app (Kestrel, its background worker running) configured with an Aircall webhook token, and one BD whose
/// Aircall user is <see cref="AircallUserId"/>, assigned to a campaign with one lead at <see cref="LeadPhone"/>.
/// </summary>
public sealed class AircallAppFixture : IAsyncLifetime
{
    public const string WebhookToken = "whk_4f1c1d3e0b6a4d2c9e8f";
    public const long AircallUserId = 424242;
    public const string LeadPhone = "+33123456789";

    public AppServer App { get; } = new(seedDemo: false);
    public HttpClient Http { get; private set; } = null!;
    public Guid BdId { get; private set; }
    public Guid LeadId { get; private set; }
    public Guid CampaignId { get; private set; }

    public FacturixDb NewDb() => FacturixDbOptions.CreateContext(App.ConnectionString);

    public async Task InitializeAsync()
    {
        App.Settings["Facturix:Aircall:WebhookToken"] = WebhookToken;
        await App.StartAsync();
        Http = new HttpClient { BaseAddress = App.BaseAddress };
        BdId = await App.CreateUserAsync("bd-aircall@test.local", Roles.BusinessDeveloper);
        var now = DateTimeOffset.UtcNow;
        await using var db = NewDb();
        await db.Users.Where(u => u.Id == BdId).ExecuteUpdateAsync(s => s.SetProperty(u => u.AircallUserId, AircallUserId));
        var account = new Account { Id = Guid.CreateVersion7(), Name = "Client Aircall", CreatedAt = now, UpdatedAt = now };
        var campaign = new Campaign { Id = Guid.CreateVersion7(), AccountId = account.Id, Name = "Campagne Aircall", State = CampaignState.Active, CreatedAt = now, UpdatedAt = now };
        var lead = new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = account.Id, Status = LeadStatus.New, FirstName = "Camille",
            LastName = "Martin", Company = "Société Aircall", Phone = LeadPhone, CreatedAt = now, UpdatedAt = now,
        };
        db.Accounts.Add(account);
        db.Campaigns.Add(campaign);
        db.CampaignAssignments.Add(new CampaignAssignment { CampaignId = campaign.Id, UserId = BdId, AssignedAt = now });
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        (LeadId, CampaignId) = (lead.Id, campaign.Id);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}
