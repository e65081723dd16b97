using Facturix.Domain.Common;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads.Views;

/// <summary>
/// Saved views and campaign presets (backlog 2.3.1, 2.3.2; docs/decisions/0036). A private view concerns its owner only,
/// so only sharing, unsharing, deleting a shared view and presets are audited. Name uniqueness is checked here and by the
/// unique index (owner, name), whose violation (two tabs saving the same name) becomes the same refusal on Name.
/// </summary>
internal sealed class SavedViewService(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock, IValidator<SavedViewInput> validator)
    : ISavedViewService
{
    private const string NameIndex = "ix_saved_views_owner_id_name";

    public async Task<IReadOnlyList<SavedViewRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = actor.UserId;
        var rows = await db.SavedViews.AsNoTracking()
            .Where(v => v.OwnerId == me || v.IsShared)
            .Select(v => new { View = v, Owner = db.Users.Where(u => u.Id == v.OwnerId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);
        var views = rows.Select(r => ToRow(r.View, r.Owner, me)).ToList();

        // A shared view pinned to a campaign or account outside the actor's scope would show a filter they may not use.
        var campaigns = views.Where(v => !v.IsMine).Select(v => v.Definition.Query.CampaignId).OfType<Guid>().Distinct().ToList();
        var accounts = views.Where(v => !v.IsMine).Select(v => v.Definition.Query.AccountId).OfType<Guid>().Distinct().ToList();
        var seenCampaigns = campaigns.Count == 0 ? [] : await Scope.Campaigns(db, actor).Where(c => campaigns.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        var seenAccounts = accounts.Count == 0 ? [] : await Scope.Accounts(db, actor).Where(a => accounts.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        return views
            .Where(v => v.IsMine
                || ((v.Definition.Query.CampaignId is not { } c || seenCampaigns.Contains(c))
                    && (v.Definition.Query.AccountId is not { } a || seenAccounts.Contains(a))))
            .OrderBy(v => v.IsMine ? 0 : 1).ThenBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    public async Task<Guid> SaveAsync(Actor actor, Guid? viewId, SavedViewInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        await validator.ValidateAndThrowAsync(input, ct);
        if (input.IsShared && !SavedViewRules.CanShare(actor))
            throw new ForbiddenException(ErrorCodes.Forbidden, Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = input.Name.Trim();
        var now = clock.GetUtcNow();
        var definition = LeadViewJson.Write(input.Definition);

        SavedView view;
        bool wasShared;
        if (viewId is { } id)
        {
            view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id && v.OwnerId == actor.UserId, ct)
                ?? throw new NotFoundException("saved-view", id);
            wasShared = view.IsShared;
        }
        else
        {
            view = new SavedView { Id = Guid.CreateVersion7(now), OwnerId = actor.UserId, Name = name, Definition = definition, CreatedAt = now };
            db.SavedViews.Add(view);
            wasShared = false;
        }
        if (await db.SavedViews.AnyAsync(v => v.OwnerId == actor.UserId && v.Name == name && v.Id != view.Id, ct))
            throw NameTaken(name);

        var before = new { view.Name, shared = wasShared };
        view.Name = name;
        view.Definition = definition;
        view.IsShared = input.IsShared;
        view.UpdatedAt = now;

        if (wasShared && !input.IsShared)
        {
            // A preset must stay visible to the team: unsharing its view takes it off those campaigns.
            var presets = await db.Campaigns.Where(c => c.DefaultViewId == view.Id).ToListAsync(ct);
            foreach (var campaign in presets)
            {
                campaign.DefaultViewId = null;
                db.Audit(actor, now, "campaign.preset-cleared", "campaign", campaign.Id, campaign.Name, before: new { view = view.Name });
                db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
            }
        }
        if (wasShared || input.IsShared)
        {
            db.Audit(actor, now, viewId is null ? "saved-view.created" : wasShared == input.IsShared ? "saved-view.updated"
                    : input.IsShared ? "saved-view.shared" : "saved-view.unshared",
                "saved-view", view.Id, name, before: viewId is null ? null : before, after: new { view.Name, shared = view.IsShared });
        }
        db.Publish(new SavedViewsChanged(actor.UserId, wasShared || input.IsShared));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Refusals.IsUniqueViolation(e, NameIndex))
        {
            throw NameTaken(name);
        }
        return view.Id;
    }

    public async Task DeleteAsync(Actor actor, Guid viewId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var othersToo = SavedViewRules.CanDeleteOthers(actor);
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == viewId
                && (v.OwnerId == actor.UserId || (v.IsShared && othersToo)), ct)
            ?? throw new NotFoundException("saved-view", viewId);
        var now = clock.GetUtcNow();
        db.SavedViews.Remove(view);
        if (view.IsShared)
        {
            var presets = await db.Campaigns.Where(c => c.DefaultViewId == view.Id).ToListAsync(ct);
            foreach (var campaign in presets)
            {
                campaign.DefaultViewId = null;
                db.Audit(actor, now, "campaign.preset-cleared", "campaign", campaign.Id, campaign.Name, before: new { view = view.Name });
                db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
            }
            db.Audit(actor, now, "saved-view.deleted", "saved-view", view.Id, view.Name, before: new { view.Name, shared = true, owner = view.OwnerId });
        }
        db.Publish(new SavedViewsChanged(view.OwnerId, view.IsShared));
        await db.SaveChangesAsync(ct);
    }

    public async Task SetCampaignPresetAsync(Actor actor, Guid campaignId, Guid? viewId, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await Scope.Campaigns(db, actor).FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw new NotFoundException("campaign", campaignId);
        string? viewName = null;
        if (viewId is { } id)
        {
            var view = await db.SavedViews.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && (v.OwnerId == actor.UserId || v.IsShared), ct)
                ?? throw new NotFoundException("saved-view", id);
            if (!view.IsShared)
                throw new ConflictException(ErrorCodes.PresetNotShared, $"Saved view {id} is private and cannot be campaign {campaignId}'s preset.");
            viewName = view.Name;
        }
        if (campaign.DefaultViewId == viewId) return;

        var oldName = campaign.DefaultViewId is { } oldId
            ? await db.SavedViews.Where(v => v.Id == oldId).Select(v => v.Name).FirstOrDefaultAsync(ct)
            : null;
        campaign.DefaultViewId = viewId;
        db.Audit(actor, clock.GetUtcNow(), viewId is null ? "campaign.preset-cleared" : "campaign.preset-set", "campaign", campaign.Id,
            campaign.Name, before: new { view = oldName }, after: new { view = viewName });
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        db.Publish(new SavedViewsChanged(actor.UserId, true));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw ConflictException.Concurrency("campaign", campaignId, e);
        }
    }

    public async Task<SavedViewRow?> GetCampaignPresetAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await Scope.Campaigns(db, actor).AsNoTracking().Where(c => c.Id == campaignId)
            .Select(c => new { c.DefaultViewId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("campaign", campaignId);
        if (campaign.DefaultViewId is not { } viewId) return null;
        var found = await db.SavedViews.AsNoTracking().Where(v => v.Id == viewId && v.IsShared)
            .Select(v => new { View = v, Owner = db.Users.Where(u => u.Id == v.OwnerId).Select(u => u.DisplayName).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (found is null) return null;
        var row = ToRow(found.View, found.Owner, actor.UserId);
        // The preset is the campaign's: whatever campaign the view was saved with, it opens on this one.
        var query = row.Definition.Query;
        // A status filter names one campaign's status, so it only carries over when the view was saved on this campaign.
        var statusId = query.CampaignId == campaignId ? query.CampaignStatusId : null;
        return row with { Definition = row.Definition with { Query = query with { CampaignId = campaignId, CampaignStatusId = statusId } } };
    }

    private static SavedViewRow ToRow(SavedView view, string? owner, Guid me) =>
        new(view.Id, view.Name, view.IsShared, view.OwnerId == me, owner ?? "", LeadViewJson.Read(view.Definition), view.UpdatedAt);

    private static ValidationException NameTaken(string name) =>
        Refusals.Invalid(nameof(SavedViewInput.Name), ErrorCodes.SavedViewNameTaken, name);
}
