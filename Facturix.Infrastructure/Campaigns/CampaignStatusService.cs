using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Campaigns;

/// <summary>
/// A campaign's status set. Leads point at a status (<c>leads.campaign_status_id</c>) and carry its stage
/// (<c>leads.status</c>, what metrics read), so every write that could break that pairing (a new stage, a delete)
/// fixes the leads in the same transaction, with bulk updates rather than one row at a time.
/// </summary>
internal sealed class CampaignStatusService(
    IDbContextFactory<FacturixDb> dbFactory,
    IValidator<CampaignStatusInput> validator,
    TimeProvider clock) : ICampaignStatusService
{
    private const string KeyIndex = "ix_campaign_statuses_campaign_id_key";

    public async Task<IReadOnlyList<CampaignStatusRow>> ListAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await CampaignSetupAccess.ForReadAsync(db, actor, campaignId, ct);

        var statuses = await db.CampaignStatuses.AsNoTracking().Where(s => s.CampaignId == campaignId)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Label).ToListAsync(ct);
        var leads = await db.Leads.Where(l => l.CampaignId == campaignId && l.CampaignStatusId != null)
            .GroupBy(l => l.CampaignStatusId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var outcomes = await db.CampaignOutcomes.Where(o => o.CampaignId == campaignId && o.TargetCampaignStatusId != null)
            .GroupBy(o => o.TargetCampaignStatusId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return statuses.Select(s => new CampaignStatusRow(
            s.Id, s.Key, s.Label, s.Stage, s.Color, s.SortOrder,
            leads.GetValueOrDefault(s.Id), outcomes.GetValueOrDefault(s.Id))).ToList();
    }

    public async Task<Guid> AddAsync(Actor actor, Guid campaignId, CampaignStatusInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await validator.ValidateAndThrowAsync(input, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignSetupAccess.ForWriteAsync(db, actor, campaignId, ct);
        var existing = await db.CampaignStatuses.Where(s => s.CampaignId == campaignId)
            .Select(s => new { s.Key, s.SortOrder }).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var status = new CampaignStatus
        {
            Id = Guid.CreateVersion7(now),
            CampaignId = campaignId,
            Key = CampaignKeys.Unique(input.Label, existing.Select(s => s.Key), "statut"),
            Label = input.Label.Trim(),
            Stage = input.Stage,
            Color = Normalize(input.Color),
            SortOrder = existing.Count == 0 ? 0 : existing.Max(s => s.SortOrder) + 1,
        };
        db.CampaignStatuses.Add(status);
        db.Audit(actor, now, "campaign.status-added", "campaign", campaign.Id, campaign.Name,
            after: new { status.Key, status.Label, stage = status.Stage.ToString(), status.Color });
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        await SaveAsync(db, campaign.Id, ct);
        return status.Id;
    }

    public async Task UpdateAsync(Actor actor, Guid statusId, CampaignStatusInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await validator.ValidateAndThrowAsync(input, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var status = await LockAsync(db, statusId, ct);
        var campaign = await CampaignSetupAccess.ForWriteAsync(db, actor, status.CampaignId, ct);

        var before = new { status.Label, stage = status.Stage.ToString(), status.Color };
        var now = clock.GetUtcNow();
        var stageChanged = status.Stage != input.Stage;
        status.Label = input.Label.Trim();
        status.Stage = input.Stage;
        status.Color = Normalize(input.Color);

        var leadsMoved = 0;
        if (stageChanged)
        {
            // Metrics read leads.status: the leads of this status follow it to its new stage, and so do outcomes aiming at it.
            leadsMoved = await db.Leads.Where(l => l.CampaignStatusId == statusId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, input.Stage).SetProperty(l => l.UpdatedAt, now), ct);
            await db.CampaignOutcomes.Where(o => o.TargetCampaignStatusId == statusId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.TargetStatus, input.Stage), ct);
        }
        db.Audit(actor, now, "campaign.status-updated", "campaign", campaign.Id, campaign.Name, before: before,
            after: new { status.Key, status.Label, stage = status.Stage.ToString(), status.Color, leads = stageChanged ? leadsMoved : (int?)null });
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task ReorderAsync(Actor actor, Guid campaignId, IReadOnlyList<Guid> orderedIds, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignSetupAccess.ForWriteAsync(db, actor, campaignId, ct);
        var statuses = await db.CampaignStatuses.Where(s => s.CampaignId == campaignId).ToListAsync(ct);
        if (SortOrder.Apply(campaignId, statuses, orderedIds, x => x.Id, x => x.Key, x => x.SortOrder, (x, i) => x.SortOrder = i)
            is not { } moved) return;

        db.Audit(actor, clock.GetUtcNow(), "campaign.statuses-reordered", "campaign", campaign.Id, campaign.Name,
            before: new { order = moved.Before }, after: new { order = moved.After });
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> DeleteAsync(Actor actor, Guid statusId, Guid? moveLeadsTo, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The row lock waits for, then holds off, any write that would point a lead at this status (the foreign key
        // check takes a share lock on it), so the counts below stay true until the commit.
        var status = await LockAsync(db, statusId, ct);
        var campaign = await CampaignSetupAccess.ForWriteAsync(db, actor, status.CampaignId, ct);

        var others = await db.CampaignStatuses.Where(s => s.CampaignId == status.CampaignId && s.Id != statusId).ToListAsync(ct);
        if (others.Count == 0)
            throw new ConflictException(ErrorCodes.LastStatus, $"Status {statusId} is the last of campaign {campaign.Id}.");
        var leadCount = await db.Leads.CountAsync(l => l.CampaignStatusId == statusId, ct);
        var outcomeCount = await db.CampaignOutcomes.CountAsync(o => o.TargetCampaignStatusId == statusId, ct);

        CampaignStatus? target = null;
        if (moveLeadsTo is { } targetId)
            target = others.FirstOrDefault(s => s.Id == targetId)
                ?? throw Refusals.Invalid("MoveLeadsTo", ErrorCodes.StatusMoveTargetInvalid, targetId);
        else if (leadCount > 0 || outcomeCount > 0)
            throw new ConflictException(ErrorCodes.StatusInUse,
                $"Status {statusId} is used by {leadCount} leads and {outcomeCount} outcomes; a target is required.");

        var now = clock.GetUtcNow();
        var moved = 0;
        if (target is not null)
        {
            moved = await db.Leads.Where(l => l.CampaignStatusId == statusId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.CampaignStatusId, target.Id)
                    .SetProperty(l => l.Status, target.Stage)
                    .SetProperty(l => l.UpdatedAt, now), ct);
            await db.CampaignOutcomes.Where(o => o.TargetCampaignStatusId == statusId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.TargetCampaignStatusId, target.Id)
                    .SetProperty(o => o.TargetStatus, target.Stage), ct);
        }
        db.CampaignStatuses.Remove(status);
        db.Audit(actor, now, "campaign.status-deleted", "campaign", campaign.Id, campaign.Name,
            before: new { status.Key, status.Label, stage = status.Stage.ToString() },
            after: target is null ? null : new { movedTo = target.Key, leads = moved, outcomes = outcomeCount });
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return moved;
    }

    /// <summary>The status row, locked FOR UPDATE for the rest of the transaction; not found when it does not exist.</summary>
    private static async Task<CampaignStatus> LockAsync(FacturixDb db, Guid statusId, CancellationToken ct) =>
        // ToList, not FirstOrDefault: composing would wrap the locking query in a subquery.
        (await db.CampaignStatuses.FromSql($"SELECT * FROM campaign_statuses WHERE id = {statusId} FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault()
        ?? throw new NotFoundException("campaign-status", statusId);

    private static async Task SaveAsync(FacturixDb db, Guid campaignId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Refusals.IsUniqueViolation(e, KeyIndex))
        {
            // Two people added a status with the same label at the same moment: the second reloads and tries again.
            throw ConflictException.Concurrency("campaign", campaignId, e);
        }
    }

    private static string? Normalize(string? color) =>
        string.IsNullOrWhiteSpace(color) ? null : color.Trim().ToUpperInvariant();
}
