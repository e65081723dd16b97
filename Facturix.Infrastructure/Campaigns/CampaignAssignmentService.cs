using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Leads;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Campaigns;

internal sealed class CampaignAssignmentService(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock)
    : ICampaignAssignmentService
{
    public async Task<IReadOnlyList<CampaignAssignee>> ListAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await FindCampaignAsync(db, actor, campaignId, ct);
        return await db.CampaignAssignments
            .Where(a => a.CampaignId == campaignId)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { u.Id, u.Email, u.DisplayName, a.AssignedAt })
            .OrderBy(a => a.DisplayName).ThenBy(a => a.Email)
            .Select(a => new CampaignAssignee(a.Id, a.Email ?? "", a.DisplayName, a.AssignedAt))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<AssignmentCandidate>> ListCandidatesAsync(
        Actor actor, Guid campaignId, string? search, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsAssign);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await FindCampaignAsync(db, actor, campaignId, ct);
        var candidates = ActiveBds(db).Where(u => !db.CampaignAssignments.Any(a => a.CampaignId == campaignId && a.UserId == u.Id));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search);
            candidates = candidates.Where(u =>
                EF.Functions.ILike(u.DisplayName, pattern, LikePattern.Escape) || EF.Functions.ILike(u.Email!, pattern, LikePattern.Escape));
        }
        return await candidates
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Take(ICampaignAssignmentService.MaxCandidates)
            .Select(u => new AssignmentCandidate(u.Id, u.Email ?? "", u.DisplayName))
            .ToListAsync(ct);
    }

    public async Task AssignAsync(Actor actor, Guid campaignId, IReadOnlyCollection<Guid> userIds, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsAssign);
        ArgumentNullException.ThrowIfNull(userIds);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await FindCampaignAsync(db, actor, campaignId, ct);
        var wanted = userIds.Distinct().ToList();
        var users = await ActiveBds(db).Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        // Only active BDs may be assigned; any other id is refused as a whole, nothing half-written.
        var unknown = wanted.Where(id => users.All(u => u.Id != id)).ToList();
        if (unknown.Count > 0)
            throw new NotFoundException("user", unknown[0]);
        var already = await db.CampaignAssignments
            .Where(a => a.CampaignId == campaignId && wanted.Contains(a.UserId))
            .Select(a => a.UserId).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var user in users.Where(u => !already.Contains(u.Id)))
        {
            db.CampaignAssignments.Add(new CampaignAssignment { CampaignId = campaignId, UserId = user.Id, AssignedAt = now });
            db.Audit(actor, now, "campaign.assigned", "campaign", campaignId, user.Email,
                after: new { userId = user.Id, campaign = campaign.Name });
            db.Publish(new AccessChanged(user.Id));
            added++;
        }
        if (added == 0) return;
        db.Publish(new CampaignChanged(campaignId, campaign.AccountId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Refusals.IsUniqueViolation(e, AssignmentKey))
        {
            // Someone assigned one of these people between our check and our write: the key refuses the second row and
            // the whole request with it (nothing half-written); the tab reloads live and shows who is on the team.
            throw new ConflictException(ErrorCodes.AssignedMeanwhile, $"an assignment to campaign {campaignId} was made meanwhile.", e);
        }
    }

    /// <summary>The primary key of <c>campaign_assignments</c> (campaign, user).</summary>
    internal const string AssignmentKey = "pk_campaign_assignments";

    public async Task RemoveAsync(Actor actor, Guid campaignId, Guid userId, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsAssign);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await FindCampaignAsync(db, actor, campaignId, ct);
        var assignment = await db.CampaignAssignments
            .FirstOrDefaultAsync(a => a.CampaignId == campaignId && a.UserId == userId, ct);
        if (assignment is null) return; // Someone else removed them first: their tab reloads live.
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);

        // The person can no longer reach these leads: keeping their locks would hide the leads from everyone else
        // until the leases ran out. Released in the same transaction as the removal.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var released = await LeadLocks.ReleaseHeldByAsync(db, userId, campaignId, ct);

        var now = clock.GetUtcNow();
        db.CampaignAssignments.Remove(assignment);
        db.Audit(actor, now, "campaign.unassigned", "campaign", campaignId, email,
            before: new { userId, campaign = campaign.Name, locksReleased = released });
        db.Publish(new AccessChanged(userId));
        db.Publish(new CampaignChanged(campaignId, campaign.AccountId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<Campaign> FindCampaignAsync(FacturixDb db, Actor actor, Guid campaignId, CancellationToken ct) =>
        await Scope.Campaigns(db, actor).AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct)
        ?? throw new NotFoundException("campaign", campaignId);

    /// <summary>Users holding the BD role and not deactivated.</summary>
    private static IQueryable<AppUser> ActiveBds(FacturixDb db) =>
        db.Users.Where(u => u.DeactivatedAt == null
            && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.BusinessDeveloper)));
}
