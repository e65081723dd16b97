using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard.Pieces;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Facturix.Infrastructure.Dashboard;

internal sealed partial class DashboardService(
    IDbContextFactory<FacturixDb> dbFactory,
    IValidator<DashboardQuery> validator,
    TimeProvider clock,
    HybridCache cache,
    DashboardFreshness freshness,
    DashboardScopes scopes,
    IAtRiskService atRisk,
    IGoalService goals,
    DashboardPieces pieces) : IDashboardService
{
    /// <summary>Tag on the KPI query, so tests can count how often one page load runs it.</summary>
    public const string KpiQueryTag = "dashboard.kpis";

    public async Task<KpiSnapshot> GetKpisAsync(Actor actor, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await KpisAsync(db, actor, ct);
    }

    /// <summary>Accounts, active campaigns, leads and won leads in <paramref name="actor"/>'s scope, in one statement.</summary>
    private static async Task<KpiSnapshot> KpisAsync(FacturixDb db, Actor actor, CancellationToken ct)
    {
        // An archived client leaves every figure (its campaigns and leads too) but keeps its history for the record.
        var archivedAccounts = db.Accounts.Where(a => a.ArchivedAt != null).Select(a => a.Id);
        var campaigns = Scope.Campaigns(db, actor).Where(c => !archivedAccounts.Contains(c.AccountId));
        var accounts = Scope.Accounts(db, actor).Where(a => a.ArchivedAt == null);
        var leads = Scope.Leads(db, actor).Where(l => !archivedAccounts.Contains(l.AccountId));

        // One round trip for all four numbers: each sub-select uses its own index. The outer row is any one row
        // (ordered, so EF knows the LIMIT is deterministic); with no account at all every count is zero anyway.
        // Won is the one stage of the Won category (StatusCategory): conversion counts it.
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

    public async Task<IReadOnlyList<CohortWeek>> GetCohortsAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Scope.Campaigns(db, actor).AnyAsync(c => c.Id == campaignId, ct))
            throw new NotFoundException("campaign", campaignId);
        return await DashboardMetrics.CohortsAsync(db, campaignId, ct);
    }
}
