using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;

namespace Facturix.Infrastructure.Users;

/// <summary>
/// The one definition of "what this actor may see", used by every query. An actor with
/// <see cref="Capability.ScopeAgency"/> (admins by default) sees the agency. Anyone else sees the accounts assigned
/// to them (<c>account_assignments</c>, how managers are scoped) with all their campaigns, plus the campaigns
/// assigned to them (<c>campaign_assignments</c>, how BDs are scoped) and those campaigns' accounts. A deactivated
/// actor sees nothing.
/// <code>
/// var lead = await Scope.Leads(db, actor).FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("lead", id);
/// </code>
/// </summary>
public static class Scope
{
    public static IQueryable<Campaign> Campaigns(FacturixDb db, Actor actor)
    {
        if (!actor.IsActive) return db.Campaigns.Where(_ => false);
        if (actor.HasAgencyScope) return db.Campaigns;
        var userId = actor.UserId;
        return db.Campaigns.Where(c =>
            db.CampaignAssignments.Any(a => a.CampaignId == c.Id && a.UserId == userId)
            || db.AccountAssignments.Any(a => a.AccountId == c.AccountId && a.UserId == userId));
    }

    /// <summary>
    /// <see cref="Campaigns"/> as a SQL condition on the campaign row <paramref name="alias"/>, for hand-written statements
    /// on the hottest paths (the workspace's Get Next and outcome), with <see cref="AddCampaignParameters"/> binding
    /// <c>@scope_user</c>, <c>@scope_active</c> and <c>@scope_agency</c>. <c>ScopeSqlTests</c> proves it sees exactly
    /// what <see cref="Campaigns"/> sees for every kind of actor; change both together.
    /// </summary>
    public static string CampaignSql(string alias) => $"""
        (@scope_active AND (@scope_agency
            OR EXISTS (SELECT 1 FROM campaign_assignments sa WHERE sa.campaign_id = {alias}.id AND sa.user_id = @scope_user)
            OR EXISTS (SELECT 1 FROM account_assignments sa WHERE sa.account_id = {alias}.account_id AND sa.user_id = @scope_user)))
        """;

    /// <summary>The parameters of <see cref="CampaignSql"/> for <paramref name="actor"/>.</summary>
    public static void AddCampaignParameters(Npgsql.NpgsqlParameterCollection parameters, Actor actor)
    {
        parameters.AddWithValue("scope_user", actor.UserId);
        parameters.AddWithValue("scope_active", actor.IsActive);
        parameters.AddWithValue("scope_agency", actor.HasAgencyScope);
    }

    public static IQueryable<Account> Accounts(FacturixDb db, Actor actor)
    {
        if (!actor.IsActive) return db.Accounts.Where(_ => false);
        if (actor.HasAgencyScope) return db.Accounts;
        var userId = actor.UserId;
        return db.Accounts.Where(account =>
            db.AccountAssignments.Any(a => a.AccountId == account.Id && a.UserId == userId)
            || db.CampaignAssignments.Any(a => a.UserId == userId
                && db.Campaigns.Any(c => c.Id == a.CampaignId && c.AccountId == account.Id)));
    }

    public static IQueryable<Lead> Leads(FacturixDb db, Actor actor)
    {
        if (!actor.IsActive) return db.Leads.Where(_ => false);
        if (actor.HasAgencyScope) return db.Leads;
        var campaignIds = Campaigns(db, actor).Select(c => c.Id);
        return db.Leads.Where(l => campaignIds.Contains(l.CampaignId));
    }

    /// <summary>Staff: everyone with agency scope; otherwise the actor and the people assigned to campaigns in their scope (a manager's team).</summary>
    public static IQueryable<AppUser> Users(FacturixDb db, Actor actor)
    {
        if (!actor.IsActive) return db.Users.Where(_ => false);
        if (actor.HasAgencyScope) return db.Users;
        var userId = actor.UserId;
        var campaignIds = Campaigns(db, actor).Select(c => c.Id);
        return db.Users.Where(u => u.Id == userId
            || db.CampaignAssignments.Any(a => a.UserId == u.Id && campaignIds.Contains(a.CampaignId)));
    }
}
