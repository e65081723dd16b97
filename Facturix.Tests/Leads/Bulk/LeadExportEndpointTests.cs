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
        var (client, managerId) = await SignedInAsync(app, "export-manager@test.local");
        using var _ = client;
        var outOfScope = await LeadOfAnotherClientAsync(app);
        var token = app.Get<LeadExportTokens>().Park(managerId, LeadSelection.Of([outOfScope]), LeadColumns.Default, ';');

        using var response = await client.GetAsync(LeadExportEndpoint.For(token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task A_separator_the_export_refuses_is_a_400_not_a_500_announced_as_a_csv()
    {
        await using var app = await AppServer.StartOwnAsync();
        var (client, adminId) = await SignedInAsync(app, "export-admin@test.local", Roles.Admin);
        using var _ = client;
        var lead = await LeadOfAnotherClientAsync(app);
        var token = app.Get<LeadExportTokens>().Park(adminId, LeadSelection.Of([lead]), LeadColumns.Default, 'x');

        using var response = await client.GetAsync(LeadExportEndpoint.For(token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task The_download_writes_the_grids_columns_left_to_right_and_its_rows_in_its_sort()
    {
        await using var app = await AppServer.StartOwnAsync();
        var (client, adminId) = await SignedInAsync(app, "export-sorted@test.local", Roles.Admin);
        using var _ = client;
        var campaignId = await CampaignWithScoresAsync(app, ("Basse", 10), ("Haute", 90), ("Moyenne", 50));
        // What the bulk bar parks: the view's visible columns (stored in any order) put in the grid's, and the grid's sort.
        var columns = LeadColumns.InGridOrder([LeadColumns.Score, LeadColumns.Company]);
        var token = app.Get<LeadExportTokens>().Park(adminId, LeadSelection.AllMatching(new LeadListQuery(CampaignId: campaignId)), columns, ';',
            LeadListQuery.Sort.Score, sortDescending: true);

        using var response = await client.GetAsync(LeadExportEndpoint.For(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Société;Score", "Haute;90", "Moyenne;50", "Basse;10"], lines);
    }

    private static async Task<(LoginClient Client, Guid UserId)> SignedInAsync(AppServer app, string email, string role = Roles.Manager)
    {
        var userId = await app.CreateUserAsync(email, role);
        var client = new LoginClient(app);
        using var signedIn = await client.PostAsync(email, Facturix.Infrastructure.DemoData.DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (client, userId);
    }

    /// <summary>A campaign whose leads are the given companies with their scores, created in that order.</summary>
    private static async Task<Guid> CampaignWithScoresAsync(AppServer app, params (string Company, int Score)[] leads)
    {
        var now = DateTimeOffset.UtcNow;
        var account = new Account { Id = Guid.CreateVersion7(), Name = "Client trié", CreatedAt = now, UpdatedAt = now };
        var campaign = new Campaign { Id = Guid.CreateVersion7(), AccountId = account.Id, Name = "Tri", State = CampaignState.Active, CreatedAt = now, UpdatedAt = now };
        await using var db = FacturixDbOptions.CreateContext(app.ConnectionString);
        db.AddRange(account, campaign);
        db.AddRange(leads.Select(l => new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = account.Id, Company = l.Company, Score = l.Score,
            CreatedAt = now, UpdatedAt = now,
        }));
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    /// <summary>A lead of a client nobody manages or is assigned to: an admin sees it, a manager does not.</summary>
    private static async Task<Guid> LeadOfAnotherClientAsync(AppServer app)
    {
        var now = DateTimeOffset.UtcNow;
        var account = new Account { Id = Guid.CreateVersion7(), Name = "Client d'un autre", CreatedAt = now, UpdatedAt = now };
        var campaign = new Campaign { Id = Guid.CreateVersion7(), AccountId = account.Id, Name = "Campagne", State = CampaignState.Active, CreatedAt = now, UpdatedAt = now };
        var lead = new Lead { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = account.Id, Company = "Hors périmètre", CreatedAt = now, UpdatedAt = now };
        await using var db = FacturixDbOptions.CreateContext(app.ConnectionString);
        db.AddRange(account, campaign, lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }
}
