using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Import;
using Facturix.Infrastructure.Leads;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Campaigns;

internal sealed partial class CampaignService(
    IDbContextFactory<FacturixDb> dbFactory,
    IValidator<CampaignInput> inputValidator,
    IValidator<CampaignSettingsInput> settingsValidator,
    TimeProvider clock) : ICampaignService
{
    public async Task<Guid> CreateAsync(Actor actor, CampaignInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await inputValidator.ValidateAndThrowAsync(input, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await WritableAccountAsync(db, actor, input.AccountId!.Value, ct);
        var now = clock.GetUtcNow();
        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(now), AccountId = account.Id, Name = input.Name.Trim(), State = CampaignState.Draft,
            CreatedAt = now, UpdatedAt = now,
        };
        Apply(campaign, input);
        db.Campaigns.Add(campaign);

        var statusIds = new Dictionary<string, CampaignStatus>(StringComparer.Ordinal);
        foreach (var (template, order) in CampaignDefaults.Statuses.Select((t, i) => (t, i)))
        {
            var status = new CampaignStatus
            {
                Id = Guid.CreateVersion7(now), CampaignId = campaign.Id, Key = template.Key, Label = template.Label,
                Stage = template.Stage, Color = template.Color, SortOrder = order,
            };
            statusIds[template.Key] = status;
            db.CampaignStatuses.Add(status);
        }
        foreach (var (template, order) in CampaignDefaults.Outcomes.Select((t, i) => (t, i)))
        {
            var target = template.TargetStatusKey is { } key ? statusIds[key] : null;
            db.CampaignOutcomes.Add(new CampaignOutcome
            {
                Id = Guid.CreateVersion7(now), CampaignId = campaign.Id, Key = template.Key, Label = template.Label,
                Hotkey = template.Hotkey, SortOrder = order, TargetCampaignStatusId = target?.Id, TargetStatus = target?.Stage,
                CallbackDelayMinutes = template.CallbackDelayMinutes, RequiresCallbackDate = template.RequiresCallbackDate,
                RequiresNote = template.RequiresNote, CountsAsContact = template.CountsAsContact,
                CountsAsConversion = template.CountsAsConversion,
            });
        }

        db.Audit(actor, now, "campaign.created", "campaign", campaign.Id, campaign.Name,
            after: new { account = account.Name, campaign.Name, campaign.Objective, campaign.TargetCount, campaign.StartsOn, campaign.EndsOn });
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        await AnnounceToManagersAsync(db, campaign.AccountId, ct);
        await db.SaveChangesAsync(ct);
        return campaign.Id;
    }

    public async Task<Guid> CopyAsync(Actor actor, Guid sourceCampaignId, string newName, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await Scope.Campaigns(db, actor).AsNoTracking().FirstOrDefaultAsync(c => c.Id == sourceCampaignId, ct)
            ?? throw new NotFoundException("campaign", sourceCampaignId);
        // The copy is checked like any new campaign: a name, and an account still open to the actor.
        var input = new CampaignInput
        {
            AccountId = source.AccountId, Name = newName ?? "", Description = source.Description, Objective = source.Objective,
            TargetCount = source.TargetCount,
        };
        await inputValidator.ValidateAndThrowAsync(input, ct);
        await WritableAccountAsync(db, actor, source.AccountId, ct);

        var now = clock.GetUtcNow();
        var copy = new Campaign
        {
            Id = Guid.CreateVersion7(now), AccountId = source.AccountId, Name = input.Name.Trim(), State = CampaignState.Draft,
            Description = source.Description, Objective = source.Objective, TargetCount = source.TargetCount,
            Script = source.Script, LockLeaseMinutes = source.LockLeaseMinutes, CallingHoursStart = source.CallingHoursStart,
            CallingHoursEnd = source.CallingHoursEnd, TimeZone = source.TimeZone, MaxCallAttempts = source.MaxCallAttempts,
            RetryDelayMinutes = source.RetryDelayMinutes, CreatedAt = now, UpdatedAt = now,
            // Dates are left out on purpose: a copy is the next run of the campaign, planned afresh.
        };
        db.Campaigns.Add(copy);

        var statuses = await db.CampaignStatuses.AsNoTracking().Where(s => s.CampaignId == source.Id).OrderBy(s => s.SortOrder).ToListAsync(ct);
        var newIds = statuses.ToDictionary(s => s.Id, _ => Guid.CreateVersion7(now));
        db.CampaignStatuses.AddRange(statuses.Select(s => new CampaignStatus
        {
            Id = newIds[s.Id], CampaignId = copy.Id, Key = s.Key, Label = s.Label, Stage = s.Stage, Color = s.Color, SortOrder = s.SortOrder,
        }));
        var outcomes = await db.CampaignOutcomes.AsNoTracking().Where(o => o.CampaignId == source.Id).OrderBy(o => o.SortOrder).ToListAsync(ct);
        db.CampaignOutcomes.AddRange(outcomes.Select(o => new CampaignOutcome
        {
            Id = Guid.CreateVersion7(now), CampaignId = copy.Id, Key = o.Key, Label = o.Label, Hotkey = o.Hotkey, SortOrder = o.SortOrder,
            TargetStatus = o.TargetStatus,
            TargetCampaignStatusId = o.TargetCampaignStatusId is { } id && newIds.TryGetValue(id, out var mapped) ? mapped : null,
            CallbackDelayMinutes = o.CallbackDelayMinutes, RequiresCallbackDate = o.RequiresCallbackDate, RequiresNote = o.RequiresNote,
            CountsAsContact = o.CountsAsContact, CountsAsConversion = o.CountsAsConversion,
        }));
        var objections = await db.CampaignObjections.AsNoTracking().Where(o => o.CampaignId == source.Id).ToListAsync(ct);
        db.CampaignObjections.AddRange(objections.Select(o => new CampaignObjection
        {
            Id = Guid.CreateVersion7(now), CampaignId = copy.Id, Objection = o.Objection, Answer = o.Answer, SortOrder = o.SortOrder,
        }));

        db.Audit(actor, now, "campaign.copied", "campaign", copy.Id, copy.Name,
            before: new { sourceId = source.Id, source = source.Name }, after: new { copy.Name });
        db.Publish(new CampaignChanged(copy.Id, copy.AccountId));
        await AnnounceToManagersAsync(db, copy.AccountId, ct);
        await db.SaveChangesAsync(ct);
        return copy.Id;
    }

    public async Task UpdateAsync(Actor actor, Guid campaignId, CampaignInput input, uint expectedVersion, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await WritableCampaignAsync(db, actor, campaignId, expectedVersion, ct);
        // The client never changes: the account the form sends is the campaign's own, whatever it says.
        input.AccountId = campaign.AccountId;
        await inputValidator.ValidateAndThrowAsync(input, ct);

        var before = new { campaign.Name, campaign.Description, campaign.Objective, campaign.TargetCount, campaign.StartsOn, campaign.EndsOn };
        campaign.Name = input.Name.Trim();
        Apply(campaign, input);
        var after = new { campaign.Name, campaign.Description, campaign.Objective, campaign.TargetCount, campaign.StartsOn, campaign.EndsOn };
        if (before.Equals(after)) return;

        campaign.UpdatedAt = clock.GetUtcNow();
        db.Audit(actor, campaign.UpdatedAt, "campaign.updated", "campaign", campaign.Id, campaign.Name, before, after);
        await SaveAsync(db, campaign, ct);
    }

    public async Task UpdateSettingsAsync(Actor actor, Guid campaignId, CampaignSettingsInput input, uint expectedVersion, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await settingsValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await WritableCampaignAsync(db, actor, campaignId, expectedVersion, ct);

        var before = Settings(campaign);
        campaign.CallingHoursStart = TimeOnly.FromTimeSpan(input.CallingHoursStart!.Value);
        // 24:00 (the end of the day) is stored as 00:00, which an end means (CallingHours, decision 0077).
        campaign.CallingHoursEnd = input.CallingHoursEnd!.Value >= TimeSpan.FromHours(24)
            ? CallingHours.Midnight : TimeOnly.FromTimeSpan(input.CallingHoursEnd.Value);
        campaign.TimeZone = input.TimeZone;
        campaign.LockLeaseMinutes = input.LockLeaseMinutes;
        campaign.MaxCallAttempts = input.MaxCallAttempts;
        campaign.RetryDelayMinutes = input.RetryDelayMinutes;
        var targets = CampaignSettingsInput.ParseCountries(input.TargetCountries);
        var targetsChanged = !targets.Order(StringComparer.Ordinal).SequenceEqual(campaign.TargetCountries.Order(StringComparer.Ordinal));
        if (targetsChanged) campaign.TargetCountries = targets.ToList();
        var after = Settings(campaign);
        if (before.Equals(after) && !targetsChanged) return;

        campaign.UpdatedAt = clock.GetUtcNow();
        db.Audit(actor, campaign.UpdatedAt, "campaign.settings-changed", "campaign", campaign.Id, campaign.Name, before, after);
        await SaveAsync(db, campaign, ct);
        // The targets are a score input of every lead of the campaign: rescored after the change commits, chunk by
        // chunk (a crash in between leaves scores the daily job repairs; docs/decisions/0039).
        if (targetsChanged)
            await LeadScores.RecomputeAsync(db, l => l.CampaignId == campaignId, campaign.UpdatedAt, ct);
    }

    public async Task ChangeStateAsync(Actor actor, Guid campaignId, CampaignState target, uint expectedVersion, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await WritableCampaignAsync(db, actor, campaignId, expectedVersion, ct);
        if (!CampaignStateRules.CanMove(campaign.State, target))
            throw new ConflictException(ErrorCodes.CampaignStateTransition,
                $"Campaign {campaign.Id} cannot move from {campaign.State} to {target}.");

        var before = campaign.State;
        campaign.State = target;
        campaign.UpdatedAt = clock.GetUtcNow();
        if (ImportErrors.CampaignClosed(target) is not { } closedReason)
        {
            db.Audit(actor, campaign.UpdatedAt, "campaign.state-changed", "campaign", campaign.Id, campaign.Name,
                before: new { state = before.ToString() }, after: new { state = target.ToString() });
            await SaveAsync(db, campaign, ct);
            return;
        }

        // A completed or archived campaign takes no new leads: its imports still queued or running stop in the same
        // transaction (docs/decisions/0086, 0092), so either both happen or neither does.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var importsStopped = await ImportArchiveStop.StopImportsAsync(db, actor, campaign.Id, campaign.Name, closedReason, campaign.UpdatedAt, ct);
        db.Audit(actor, campaign.UpdatedAt, "campaign.state-changed", "campaign", campaign.Id, campaign.Name,
            before: new { state = before.ToString() }, after: new { state = target.ToString(), importsStopped });
        await SaveAsync(db, campaign, ct);
        await tx.CommitAsync(ct);
    }

    private static void Apply(Campaign campaign, CampaignInput input)
    {
        campaign.Description = Blank(input.Description);
        campaign.Objective = Blank(input.Objective);
        campaign.TargetCount = input.TargetCount;
        campaign.StartsOn = input.StartsOn is { } starts ? DateOnly.FromDateTime(starts) : null;
        campaign.EndsOn = input.EndsOn is { } ends ? DateOnly.FromDateTime(ends) : null;
    }

    private static object Settings(Campaign c) => new
    {
        c.CallingHoursStart, c.CallingHoursEnd, c.TimeZone, c.LockLeaseMinutes, c.MaxCallAttempts, c.RetryDelayMinutes,
        TargetCountries = string.Join(",", c.TargetCountries),
    };

    /// <summary>
    /// A new campaign widens the scope of the account's managers (Scope.Campaigns: every campaign of their accounts), but
    /// their open circuits hold the scope resolved before it existed: their lead lists, import lists and dashboards ignored
    /// its events (ScopeSnapshot.CoversCampaign) until they signed in again. An access change re-resolves it at once.
    /// </summary>
    private static async Task AnnounceToManagersAsync(FacturixDb db, Guid accountId, CancellationToken ct)
    {
        var managers = await db.AccountAssignments.Where(a => a.AccountId == accountId).Select(a => a.UserId).ToListAsync(ct);
        foreach (var manager in managers)
            db.Publish(new AccessChanged(manager));
    }

    /// <summary>The account a campaign is created for: in scope and not archived, or not found.</summary>
    private static async Task<Account> WritableAccountAsync(FacturixDb db, Actor actor, Guid accountId, CancellationToken ct) =>
        await Scope.Accounts(db, actor).FirstOrDefaultAsync(a => a.Id == accountId && a.ArchivedAt == null, ct)
        ?? throw new NotFoundException("account", accountId);

    /// <summary>
    /// The campaign to change, tracked, with the version the person read as the original: a stale version is refused
    /// before anything is written, and a change committed between this read and the save fails the UPDATE itself.
    /// </summary>
    private static async Task<Campaign> WritableCampaignAsync(FacturixDb db, Actor actor, Guid campaignId, uint expectedVersion, CancellationToken ct)
    {
        var campaign = await Scope.Campaigns(db, actor).FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw new NotFoundException("campaign", campaignId);
        if (campaign.Version != expectedVersion)
            throw ConflictException.Concurrency("campaign", campaignId);
        db.Entry(campaign).Property(c => c.Version).OriginalValue = expectedVersion;
        return campaign;
    }

    private static async Task SaveAsync(FacturixDb db, Campaign campaign, CancellationToken ct)
    {
        db.Publish(new CampaignChanged(campaign.Id, campaign.AccountId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ConflictException.Concurrency("campaign", campaign.Id, ex);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
