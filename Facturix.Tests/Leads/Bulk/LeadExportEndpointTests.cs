using System.Net;
using Facturix.App.Leads.Bulk;
using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;

namespace Facturix.Tests.Leads.Bulk;

/// <summary><c>GET /leads/export/{token}</c> on the running app, signed in over plain HTTP (no browser).</summary>
public sealed class LeadExportEndpointTests
{
    [Fact]
    public async Task A_selection_that_left_the_persons_scope_is_a_404_not_a_500_announced_as_a_csv()
    {
        await using var app = await AppServer.StartOwnAsync();
        const string email = "export-manager@test.local";
        var managerId = await app.CreateUserAsync(email, Roles.Manager);
        var now = DateTimeOffset.UtcNow;
        var account = new Account { Id = Guid.CreateVersion7(), Name = "Client d'un autre", CreatedAt = now, UpdatedAt = now };
        var campaign = new Campaign { Id = Guid.CreateVersion7(), AccountId = account.Id, Name = "Campagne", State = CampaignState.Active, CreatedAt = now, UpdatedAt = now };
        var lead = new Lead { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = account.Id, Company = "Hors périmètre", CreatedAt = now, UpdatedAt = now };
        await using (var db = FacturixDbOptions.CreateContext(app.ConnectionString))
        {
            db.AddRange(account, campaign, lead);
            await db.SaveChangesAsync();
        }
        using var client = new LoginClient(app);
        using var signedIn = await client.PostAsync(email, Facturix.Infrastructure.DemoData.DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var token = app.Get<LeadExportTokens>().Park(managerId, LeadSelection.Of([lead.Id]), LeadColumns.Default, ';');

        using var response = await client.GetAsync(LeadExportEndpoint.For(token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }
}
