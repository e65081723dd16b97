using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Dashboard;

internal sealed class DashboardService(IDbContextFactory<FacturixDb> dbFactory) : IDashboardService
{
    public async Task<KpiSnapshot> GetKpisAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaigns = db.Campaigns.AsQueryable();
        if (!actor.SeesWholeTeam)
            campaigns = campaigns.Where(c => db.CampaignAssignments.Any(a => a.CampaignId == c.Id && a.UserId == actor.UserId));

        var scopedCampaignIds = campaigns.Select(c => c.Id);
        var accounts = actor.SeesWholeTeam
            ? db.Accounts.Where(a => a.ArchivedAt == null)
            : db.Accounts.Where(a => a.ArchivedAt == null && campaigns.Any(c => c.AccountId == a.Id));

        // One round trip for all four numbers: each sub-select uses its own index.
        var snapshot = await db.Accounts
            .Take(1)
            .Select(_ => new KpiSnapshot(
                accounts.Count(),
                campaigns.Count(c => c.State == CampaignState.Active),
                db.Leads.Count(l => scopedCampaignIds.Contains(l.CampaignId)),
                db.Leads.Count(l => scopedCampaignIds.Contains(l.CampaignId) && l.Status == LeadStatus.Converted)))
            .FirstOrDefaultAsync(ct);
        return snapshot ?? new KpiSnapshot(0, 0, 0, 0);
    }
}
