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
/// A campaign's call outcomes. Hotkey uniqueness is checked three times: by the form (the validator built with the
/// other outcomes' hotkeys), here against the database, and by the unique index, whose violation (two people saving
/// the same digit at once) becomes the same refusal on the Hotkey field.
/// </summary>
internal sealed class CampaignOutcomeService(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : ICampaignOutcomeService
{
    private const string HotkeyIndex = "ix_campaign_outcomes_campaign_id_hotkey";
    private const string KeyIndex = "ix_campaign_outcomes_campaign_id_key";

    public async Task<IReadOnlyList<CampaignOutcomeRow>> ListAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await CampaignSetupAccess.ForReadAsync(db, actor, campaignId, ct);
        return await db.CampaignOutcomes.AsNoTracking().Where(o => o.CampaignId == campaignId)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Label)
            .Select(o => new CampaignOutcomeRow(
                o.Id, o.Key, o.Label, o.Hotkey, o.SortOrder, o.TargetCampaignStatusId,
                db.CampaignStatuses.Where(s => s.Id == o.TargetCampaignStatusId).Select(s => s.Label).FirstOrDefault(),
                o.CallbackDelayMinutes, o.RequiresCallbackDate, o.RequiresNote, o.CountsAsContact, o.CountsAsConversion))
            .ToListAsync(ct);
    }

    public async Task<Guid> AddAsync(Actor actor, Guid campaignId, CampaignOutcomeInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignSetupAccess.ForWriteAsync(db, actor, campaignId, ct);
        var existing = await db.CampaignOutcomes.Where(o => o.CampaignId == campaignId)
            .Select(o => new { o.Key, o.Hotkey, o.SortOrder }).ToListAsync(ct);
        await ValidateAsync(input, existing.Select(o => o.Hotkey), ct);
        var target = await TargetAsync(db, campaignId, input.TargetStatusId, ct);

        var now = clock.GetUtcNow();
        var outcome = new CampaignOutcome
        {
            Id = Guid.CreateVersion7(now),
            CampaignId = campaignId,
            Key = CampaignKeys.Unique(input.Label, existing.Select(o => o.Key), "issue"),
            Label = input.Label.Trim(),
            SortOrder = existing.Count == 0 ? 0 : existing.Max(o => o.SortOrder) + 1,
        };
        Apply(outcome, input, target);
        db.CampaignOutcomes.Add(outcome);
        db.Audit(actor, now, "campaign.outcome-added", "campaign", campaign.Id, campaign.Name, after: Snapshot(outcome, target));
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        await SaveAsync(db, input, campaign.Id, ct);
        return outcome.Id;
    }

    public async Task UpdateAsync(Actor actor, Guid outcomeId, CampaignOutcomeInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var outcome = await db.CampaignOutcomes.FirstOrDefaultAsync(o => o.Id == outcomeId, ct)
            ?? throw new NotFoundException("campaign-outcome", outcomeId);
        var campaign = await CampaignSetupAccess.ForWriteAsync(db, actor, outcome.CampaignId, ct);
        var others = await db.CampaignOutcomes.Where(o => o.CampaignId == outcome.CampaignId && o.Id != outcomeId)
            .Select(o => o.Hotkey).ToListAsync(ct);
        await ValidateAsync(input, others, ct);
        var target = await TargetAsync(db, outcome.CampaignId, input.TargetStatusId, ct);
        var oldTarget = outcome.TargetCampaignStatusId is { } oldId
            ? await db.CampaignStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.Id == oldId, ct)
            : null;

        var before = Snapshot(outcome, oldTarget);
        var contactRuleChanged = outcome.CountsAsContact != input.CountsAsContact;
        outcome.Label = input.Label.Trim();
        Apply(outcome, input, target);
        db.Audit(actor, clock.GetUtcNow(), "campaign.outcome-updated", "campaign", campaign.Id, campaign.Name,
            before: before, after: Snapshot(outcome, target));
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        if (!contactRuleChanged)
        {
            await SaveAsync(db, input, campaign.Id, ct);
            return;
        }
        // Past calls with this outcome now count (or no longer count) as contacts: the dashboard's rollup, kept by
        // triggers that do not see outcome edits, is recounted for this campaign in the same transaction (decision 0062).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SaveAsync(db, input, campaign.Id, ct);
        await db.Database.ExecuteSqlRawAsync(Dashboard.ActivityDailySql.RebuildCampaign, [new Npgsql.NpgsqlParameter("campaign", campaign.Id)], ct);
        await transaction.CommitAsync(ct);
    }

    public async Task ReorderAsync(Actor actor, Guid campaignId, IReadOnlyList<Guid> orderedIds, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignSetupAccess.ForWriteAsync(db, actor, campaignId, ct);
        var outcomes = await db.CampaignOutcomes.Where(o => o.CampaignId == campaignId).ToListAsync(ct);
        if (SortOrder.Apply(campaignId, outcomes, orderedIds, x => x.Id, x => x.Key, x => x.SortOrder, (x, i) => x.SortOrder = i)
            is not { } moved) return;

        db.Audit(actor, clock.GetUtcNow(), "campaign.outcomes-reordered", "campaign", campaign.Id, campaign.Name,
            before: new { order = moved.Before }, after: new { order = moved.After });
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Actor actor, Guid outcomeId, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var outcome = await db.CampaignOutcomes.FirstOrDefaultAsync(o => o.Id == outcomeId, ct)
            ?? throw new NotFoundException("campaign-outcome", outcomeId);
        var campaign = await CampaignSetupAccess.ForWriteAsync(db, actor, outcome.CampaignId, ct);
        var target = outcome.TargetCampaignStatusId is { } targetId
            ? await db.CampaignStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.Id == targetId, ct)
            : null;

        db.CampaignOutcomes.Remove(outcome);
        db.Audit(actor, clock.GetUtcNow(), "campaign.outcome-deleted", "campaign", campaign.Id, campaign.Name,
            before: Snapshot(outcome, target));
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        await db.SaveChangesAsync(ct);
    }

    private static Task ValidateAsync(CampaignOutcomeInput input, IEnumerable<int?> otherHotkeys, CancellationToken ct) =>
        new CampaignOutcomeInputValidator(otherHotkeys.OfType<int>().ToList()).ValidateAndThrowAsync(input, ct);

    /// <summary>The target status, which must belong to the same campaign; null when the outcome leaves the status alone.</summary>
    private static async Task<CampaignStatus?> TargetAsync(FacturixDb db, Guid campaignId, Guid? statusId, CancellationToken ct)
    {
        if (statusId is not { } id) return null;
        return await db.CampaignStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.CampaignId == campaignId, ct)
            ?? throw Refusals.Invalid(nameof(CampaignOutcomeInput.TargetStatusId), ErrorCodes.OutcomeTargetStatusUnknown, id);
    }

    private static void Apply(CampaignOutcome outcome, CampaignOutcomeInput input, CampaignStatus? target)
    {
        outcome.Hotkey = input.Hotkey;
        outcome.TargetCampaignStatusId = target?.Id;
        // The stage is kept on the outcome so the workspace moves the lead without a join; status edits keep it in step.
        outcome.TargetStatus = target?.Stage;
        outcome.CallbackDelayMinutes = input.CallbackDelayMinutes;
        outcome.RequiresCallbackDate = input.RequiresCallbackDate;
        outcome.RequiresNote = input.RequiresNote;
        outcome.CountsAsContact = input.CountsAsContact;
        outcome.CountsAsConversion = input.CountsAsConversion;
    }

    private static object Snapshot(CampaignOutcome o, CampaignStatus? target) => new
    {
        o.Key, o.Label, o.Hotkey, targetStatus = target?.Key, o.CallbackDelayMinutes, o.RequiresCallbackDate,
        o.RequiresNote, o.CountsAsContact, o.CountsAsConversion,
    };

    private static async Task SaveAsync(FacturixDb db, CampaignOutcomeInput input, Guid campaignId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Refusals.IsUniqueViolation(e, HotkeyIndex))
        {
            // Someone took the digit between our check and our write: the same refusal as the check, on the field.
            throw Refusals.Invalid(nameof(CampaignOutcomeInput.Hotkey), "outcome.hotkey.taken", input.Hotkey);
        }
        catch (DbUpdateException e) when (Refusals.IsUniqueViolation(e, KeyIndex))
        {
            throw ConflictException.Concurrency("campaign", campaignId, e);
        }
    }
}
