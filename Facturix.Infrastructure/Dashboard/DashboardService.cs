using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Dashboard;

internal sealed class DashboardService(IDbContextFactory<FacturixDb> dbFactory) : IDashboardService
{
    /// <summary>Tag on the KPI query, so tests can count how often one page load runs it.</summary>
    public const string KpiQueryTag = "dashboard.kpis";

    public async Task<KpiSnapshot> GetKpisAsync(Actor actor, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // An archived client leaves every figure (its campaigns and leads too) but keeps its history for the record.
        var archivedAccounts = db.Accounts.Where(a => a.ArchivedAt != null).Select(a => a.Id);
        var campaigns = Scope.Campaigns(db, actor).Where(c => !archivedAccounts.Contains(c.AccountId));
        var accounts = Scope.Accounts(db, actor).Where(a => a.ArchivedAt == null);
        var leads = Scope.Leads(db, actor).Where(l => !archivedAccounts.Contains(l.AccountId));

        // One round trip for all four numbers: each sub-select uses its own index. The outer row is any one row
        // (ordered, so EF knows the LIMIT is deterministic); with no account at all every count is zero anyway.
        var snapshot = await db.Accounts
            .TagWith(KpiQueryTag)
            .OrderBy(a => a.Id)
            .Take(1)
            .Select(_ => new KpiSnapshot(
                accounts.Count(),
                campaigns.Count(c => c.State == CampaignState.Active),
                leads.Count(),
                leads.Count(l => l.Status == LeadStatus.Converted)))
            .FirstOrDefaultAsync(ct);
        return snapshot ?? new KpiSnapshot(0, 0, 0, 0);
    }

    // Issue 16, filled in by the metrics work: the overview (cached) and cohorts.
    public Task<DashboardOverview> GetOverviewAsync(Actor actor, DashboardQuery query, CancellationToken ct = default) =>
        throw new NotImplementedException("Issue 16: dashboard overview");

    public Task<IReadOnlyList<CohortWeek>> GetCohortsAsync(Actor actor, Guid campaignId, CancellationToken ct = default) =>
        throw new NotImplementedException("Issue 16: cohorts");
}
