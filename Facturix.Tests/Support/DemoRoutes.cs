using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Support;

/// <summary>
/// Every page of the app a staff member can open, with an existing lead, account, campaign (each tab) and import of
/// the demo data: for the browser checks that visit them all (errors, accessibility, layout).
/// </summary>
public static class DemoRoutes
{
    public static readonly string[] CampaignTabs = ["overview", "settings", "statuses", "outcomes", "script", "assignments"];

    public static async Task<List<string>> AllAsync(AppServer app)
    {
        await using var db = await app.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        var lead = await db.Leads.OrderBy(l => l.CreatedAt).Select(l => l.Id).FirstAsync();
        // One with managers, so the sweeps see their chips and remove buttons (with none, an axe finding in them went
        // unseen until another journey's account came first by name).
        var account = await db.Accounts.OrderBy(a => a.Name)
            .Where(a => db.AccountAssignments.Any(m => m.AccountId == a.Id)).Select(a => a.Id).FirstAsync();
        var campaign = await db.Campaigns.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        var routes = new List<string>
        {
            "/dashboard", "/workspace", $"/workspace?campaign={campaign}", "/leads", $"/leads?campaign={campaign}",
            $"/leads/{lead}", "/leads/duplicates", "/calls/unmatched", "/accounts", $"/accounts/{account}", "/campaigns",
            "/campaigns/new", "/import", $"/import?campaign={campaign}", "/admin/users", "/admin/permissions", "/admin/audit",
            "/admin/aircall", "/search", "/search?q=dur", "/tasks", "/not-found",
        };
        routes.AddRange(CampaignTabs.Select(tab => $"/campaigns/{campaign}?tab={tab}"));
        if (await db.Imports.OrderBy(i => i.CreatedAt).Select(i => (Guid?)i.Id).FirstOrDefaultAsync() is { } import)
            routes.Add($"/import/{import}");
        return routes;
    }
}
