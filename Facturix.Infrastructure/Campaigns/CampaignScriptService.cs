using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Campaigns;

internal sealed class CampaignScriptService(
    IDbContextFactory<FacturixDb> dbFactory,
    IValidator<CampaignScriptInput> validator,
    TimeProvider clock) : ICampaignScriptService
{
    public async Task<CampaignScript> GetAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await Scope.Campaigns(db, actor)
            .Where(c => c.Id == campaignId)
            .Select(c => new { c.Id, c.Script, c.Version })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("campaign", campaignId);
        var objections = await db.CampaignObjections.AsNoTracking()
            .Where(o => o.CampaignId == campaignId)
            .OrderBy(o => o.SortOrder)
            .Select(o => new ScriptObjection(o.Objection, o.Answer, o.SortOrder))
            .ToListAsync(ct);

        var sample = ScriptSample.Example(actor.DisplayName);
        // A real lead makes the preview honest, but only for someone allowed to read leads.
        if (actor.Can(Capability.LeadsRead))
        {
            var lead = await Scope.Leads(db, actor)
                .Where(l => l.CampaignId == campaignId)
                .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
                .Select(l => new { l.FirstName, l.LastName, l.Company })
                .FirstOrDefaultAsync(ct);
            if (lead is not null)
                sample = new ScriptSample(lead.FirstName ?? "", lead.LastName ?? "", lead.Company, actor.DisplayName);
        }
        return new CampaignScript(campaign.Id, campaign.Script ?? "", objections, campaign.Version, sample);
    }

    public async Task<uint> SaveAsync(
        Actor actor, Guid campaignId, CampaignScriptInput input, uint expectedVersion, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await validator.ValidateAndThrowAsync(input, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await Scope.Campaigns(db, actor).FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw new NotFoundException("campaign", campaignId);
        var existing = await db.CampaignObjections.Where(o => o.CampaignId == campaignId).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var before = new { scriptLength = campaign.Script?.Length ?? 0, objections = existing.Count };
        var script = string.IsNullOrWhiteSpace(input.Script) ? null : input.Script;
        campaign.Script = script;
        campaign.UpdatedAt = now;
        // Always an UPDATE of the campaign row, even when only objections changed (or the clock stood still): its
        // version check is what stops a second editor overwriting the first one's objections.
        db.Entry(campaign).Property(c => c.UpdatedAt).IsModified = true;
        db.Entry(campaign).Property(c => c.Version).OriginalValue = expectedVersion;

        db.CampaignObjections.RemoveRange(existing);
        db.CampaignObjections.AddRange(input.Objections.Select((o, i) => new CampaignObjection
        {
            Id = Guid.CreateVersion7(now),
            CampaignId = campaignId,
            Objection = o.Objection.Trim(),
            Answer = o.Answer.Trim(),
            SortOrder = i,
        }));
        db.Audit(actor, now, "campaign.script-changed", "campaign", campaign.Id, campaign.Name,
            before: before, after: new { scriptLength = script?.Length ?? 0, objections = input.Objections.Count });
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ConflictException.Concurrency("campaign", campaignId, ex);
        }
        return campaign.Version;
    }
}
