using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Duplicates;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ISchedulerFactory = Quartz.ISchedulerFactory;

namespace Facturix.Infrastructure.Leads.Duplicates;

/// <inheritdoc cref="IDuplicateService"/>
internal sealed class DuplicateService(
    IDbContextFactory<FacturixDb> dbFactory,
    TimeProvider clock,
    DuplicateScanner scanner,
    IServiceProvider services) : IDuplicateService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PagedResult<DuplicateGroupView>> ListGroupsAsync(Actor actor, PageRequest page, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = VisibleGroups(db, actor);
        var total = await groups.CountAsync(ct);
        var rows = await groups.OrderByDescending(g => g.DetectedAt).ThenBy(g => g.Reason).ThenBy(g => g.MatchKey)
            .Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        var ids = rows.Select(g => g.Id).ToList();
        // Members outside the actor's scope are never read: the join is on the scoped leads.
        var members = await (
            from m in db.LeadDuplicateMembers
            where ids.Contains(m.GroupId)
            join l in Scope.Leads(db, actor) on m.LeadId equals l.Id
            join c in db.Campaigns on l.CampaignId equals c.Id
            orderby l.CreatedAt, l.Id
            select new { m.GroupId, Member = new DuplicateMemberView(
                l.Id, ((l.FirstName ?? "") + " " + (l.LastName ?? "")).Trim(), l.Company, l.Email, l.Phone, c.Name, l.Status, l.CreatedAt) })
            .ToListAsync(ct);
        var byGroup = members.ToLookup(m => m.GroupId, m => m.Member);
        return new PagedResult<DuplicateGroupView>(
            rows.Select(g => new DuplicateGroupView(g.Id, g.Reason, DisplayKey(g.MatchKey), g.DetectedAt, byGroup[g.Id].ToList())).ToList(),
            total);
    }

    public async Task<MergePreview> PreviewMergeAsync(Actor actor, Guid survivorId, Guid mergedId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (survivor, merged) = await PairAsync(db, actor, survivorId, mergedId, ct);
        return new MergePreview(survivor.Id, merged.Id, MergeFields.Read(survivor), MergeFields.Read(merged),
            await db.Activities.CountAsync(a => a.LeadId == merged.Id, ct),
            await db.Tasks.CountAsync(t => t.LeadId == merged.Id, ct));
    }

    public async Task<Guid> MergeAsync(Actor actor, Guid survivorId, Guid mergedId, IReadOnlySet<MergeField> takeFromMerged, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        ArgumentNullException.ThrowIfNull(takeFromMerged);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (survivor, merged) = await PairAsync(db, actor, survivorId, mergedId, ct);
        var now = clock.GetUtcNow();
        // A BD on the phone with either lead would see it vanish or change under them.
        if (IsHeldByOther(survivor, actor, now) || IsHeldByOther(merged, actor, now))
            throw new ConflictException(ErrorCodes.MergeLeadLocked, $"Lead {survivor.Id} or {merged.Id} is locked by someone else.");

        var survivorBefore = JsonSerializer.Serialize(survivor, Json);
        var mergedSnapshot = JsonSerializer.Serialize(merged, Json);
        // Moved ids are recorded so undo moves back exactly these, not activities logged on the survivor since.
        var activityIds = await db.Activities.Where(a => a.LeadId == merged.Id).Select(a => a.Id).ToListAsync(ct);
        var taskIds = await db.Tasks.Where(t => t.LeadId == merged.Id).Select(t => t.Id).ToListAsync(ct);
        await db.Activities.Where(a => a.LeadId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.LeadId, survivor.Id), ct);
        await db.Tasks.Where(t => t.LeadId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LeadId, survivor.Id), ct);

        foreach (var field in takeFromMerged.Where(Enum.IsDefined))
            MergeFields.Set(survivor, field, MergeFields.Get(merged, field));
        survivor.LastActivityAt = Latest(survivor.LastActivityAt, merged.LastActivityAt);
        survivor.LastContactedAt = Latest(survivor.LastContactedAt, merged.LastContactedAt);
        survivor.UpdatedAt = now;

        var merge = new LeadMerge
        {
            Id = Guid.CreateVersion7(now),
            SurvivorId = survivor.Id, MergedLeadId = merged.Id,
            SurvivorBefore = survivorBefore, MergedLeadSnapshot = mergedSnapshot,
            MovedActivityIds = activityIds, MovedTaskIds = taskIds,
            MergedById = actor.UserId, MergedAt = now,
        };
        db.LeadMerges.Add(merge);
        db.Leads.Remove(merged);
        db.Audit(actor, now, "lead.merged", "lead", survivor.Id, LabelOf(survivor),
            before: new { merged = new { merged.Id, label = LabelOf(merged) } },
            after: new { mergeId = merge.Id, fieldsFromMerged = takeFromMerged.Select(f => f.ToString()).Order(), activities = activityIds.Count, tasks = taskIds.Count });
        db.Publish(new LeadUpdated(survivor.Id, survivor.CampaignId));
        db.Publish(new LeadsChanged(new[] { survivor.CampaignId, merged.CampaignId }.Distinct().ToList()));
        await SaveAsync(db, survivor.Id, ct);
        // The merged lead's memberships went with it (cascade); a group left with one lead is no group.
        await DropLoneGroupsAsync(db, survivor.Id, ct);
        await tx.CommitAsync(ct);
        return merge.Id;
    }

    public async Task UndoMergeAsync(Actor actor, Guid mergeId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var merge = await db.LeadMerges.FirstOrDefaultAsync(m => m.Id == mergeId, ct) ?? throw new NotFoundException("merge", mergeId);
        var restored = JsonSerializer.Deserialize<Lead>(merge.MergedLeadSnapshot, Json)!;
        // Both sides must be in scope: the survivor now, and the campaign the merged lead returns to.
        var survivor = await Scope.Leads(db, actor).FirstOrDefaultAsync(l => l.Id == merge.SurvivorId, ct);
        if (survivor is null)
        {
            if (await db.Leads.AnyAsync(l => l.Id == merge.SurvivorId, ct)) throw new NotFoundException("merge", mergeId);
            throw new ConflictException(ErrorCodes.MergeUndoBlocked, $"Merge {mergeId}: the survivor {merge.SurvivorId} is gone.");
        }
        if (merge.UndoneAt is not null) throw new ConflictException(ErrorCodes.MergeUndone, $"Merge {mergeId} was already undone.");
        if (!await Scope.Campaigns(db, actor).AnyAsync(c => c.Id == restored.CampaignId, ct))
        {
            if (await db.Campaigns.AnyAsync(c => c.Id == restored.CampaignId, ct)) throw new NotFoundException("merge", mergeId);
            throw new ConflictException(ErrorCodes.MergeUndoBlocked, $"Merge {mergeId}: campaign {restored.CampaignId} is gone.");
        }
        if (await db.Leads.AnyAsync(l => l.Id == restored.Id, ct))
            throw new ConflictException(ErrorCodes.MergeUndoBlocked, $"Merge {mergeId}: lead {restored.Id} exists.");

        var now = clock.GetUtcNow();
        // The lock in the snapshot was a lease of the past.
        restored.LockedById = null;
        restored.LockedAt = null;
        restored.LockExpiresAt = null;
        restored.Version = 0;
        // A snapshot taken before leads had a zone has none: the merged lead comes back with its phone's (issue 14).
        Facturix.Domain.Workspace.LeadTimeZones.Refresh(restored);
        db.Leads.Add(restored);
        var before = JsonSerializer.Deserialize<Lead>(merge.SurvivorBefore, Json)!;
        foreach (var field in Enum.GetValues<MergeField>())
            MergeFields.Set(survivor, field, MergeFields.Get(before, field));
        survivor.LastActivityAt = before.LastActivityAt;
        survivor.LastContactedAt = before.LastContactedAt;
        survivor.UpdatedAt = now;
        merge.UndoneAt = now;
        merge.UndoneById = actor.UserId;
        db.Audit(actor, now, "lead.merge-undone", "lead", survivor.Id, LabelOf(survivor),
            before: new { mergeId = merge.Id }, after: new { restored = new { restored.Id, label = LabelOf(restored) } });
        db.Publish(new LeadUpdated(survivor.Id, survivor.CampaignId));
        db.Publish(new LeadsChanged(new[] { survivor.CampaignId, restored.CampaignId }.Distinct().ToList()));
        await SaveAsync(db, survivor.Id, ct);
        // Exactly the rows the merge moved, and only if they still hang on the survivor (a deleted task stays deleted).
        var activityIds = merge.MovedActivityIds;
        var taskIds = merge.MovedTaskIds;
        await db.Activities.Where(a => activityIds.Contains(a.Id) && a.LeadId == survivor.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LeadId, restored.Id), ct);
        await db.Tasks.Where(t => taskIds.Contains(t.Id) && t.LeadId == survivor.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeadId, restored.Id), ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<LeadMergeView>> RecentMergesAsync(Actor actor, int take = 10, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
            from m in db.LeadMerges
            where m.UndoneAt == null
            join l in Scope.Leads(db, actor) on m.SurvivorId equals l.Id
            orderby m.MergedAt descending
            select new { m.Id, m.SurvivorId, l.FirstName, l.LastName, l.Company, m.MergedLeadSnapshot, m.MergedAt, Activities = m.MovedActivityIds.Count, Tasks = m.MovedTaskIds.Count })
            .Take(Math.Clamp(take, 1, 50)).ToListAsync(ct);
        return rows.Select(r => new LeadMergeView(
            r.Id, r.SurvivorId,
            LabelOf(new Lead { FirstName = r.FirstName, LastName = r.LastName, Company = r.Company }),
            LabelOf(JsonSerializer.Deserialize<Lead>(r.MergedLeadSnapshot, Json)!),
            r.MergedAt, r.Activities, r.Tasks)).ToList();
    }

    public async Task DismissAsync(Actor actor, Guid groupId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await VisibleGroups(db, actor).FirstOrDefaultAsync(g => g.Id == groupId, ct)
            ?? throw new NotFoundException("duplicate-group", groupId);
        var campaignIds = await (
            from m in db.LeadDuplicateMembers
            where m.GroupId == groupId
            join l in Scope.Leads(db, actor) on m.LeadId equals l.Id
            select l.CampaignId).Distinct().ToListAsync(ct);
        var now = clock.GetUtcNow();
        group.DismissedAt = now;
        group.DismissedById = actor.UserId;
        db.Audit(actor, now, "duplicates.group-dismissed", "duplicate-group", group.Id, $"{group.Reason}: {DisplayKey(group.MatchKey)}");
        db.Publish(new LeadsChanged(campaignIds));
        await db.SaveChangesAsync(ct);
    }

    public async Task RequestScanAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Audit(actor, clock.GetUtcNow(), "duplicates.scan-requested", "duplicate-scan", null, null);
            await db.SaveChangesAsync(ct);
        }
        // The app runs it as the Quartz job (any instance, one at a time); without a scheduler (tests, tools) it runs here.
        if (services.GetService<ISchedulerFactory>() is { } factory)
        {
            var scheduler = await factory.GetScheduler(ct);
            if (await scheduler.Exists(DuplicateScanJob.Key, ct))
            {
                await scheduler.TriggerJob(DuplicateScanJob.Key, null, ct);
                return;
            }
        }
        await scanner.ScanAsync(ct);
    }

    public async Task<bool> IsScanRunningAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        return await scanner.IsRunningAsync(ct);
    }

    /// <summary>Open groups with at least two members in the actor's scope: a group is never shown on the strength of leads the actor cannot see.</summary>
    private static IQueryable<LeadDuplicateGroup> VisibleGroups(FacturixDb db, Actor actor)
    {
        var scoped = Scope.Leads(db, actor);
        return db.LeadDuplicateGroups.Where(g => g.DismissedAt == null
            && db.LeadDuplicateMembers.Count(m => m.GroupId == g.Id && scoped.Any(l => l.Id == m.LeadId)) >= 2);
    }

    private static async Task<(Lead Survivor, Lead Merged)> PairAsync(FacturixDb db, Actor actor, Guid survivorId, Guid mergedId, CancellationToken ct)
    {
        if (survivorId == mergedId) throw new ConflictException(ErrorCodes.MergeSameLead, $"Lead {survivorId} cannot be merged into itself.");
        var survivor = await Scope.Leads(db, actor).FirstOrDefaultAsync(l => l.Id == survivorId, ct) ?? throw new NotFoundException("lead", survivorId);
        var merged = await Scope.Leads(db, actor).FirstOrDefaultAsync(l => l.Id == mergedId, ct) ?? throw new NotFoundException("lead", mergedId);
        if (survivor.AccountId != merged.AccountId)
            throw new ConflictException(ErrorCodes.MergeOtherAccount, $"Leads {survivorId} and {mergedId} belong to different accounts.");
        return (survivor, merged);
    }

    private static async Task SaveAsync(FacturixDb db, Guid leadId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ConflictException.Concurrency("lead", leadId, ex);
        }
    }

    private static Task DropLoneGroupsAsync(FacturixDb db, Guid leadId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM lead_duplicate_groups g
            WHERE g.id IN (SELECT group_id FROM lead_duplicate_members WHERE lead_id = {leadId})
              AND (SELECT count(*) FROM lead_duplicate_members m WHERE m.group_id = g.id) < 2
            """, ct);

    private static bool IsHeldByOther(Lead lead, Actor actor, DateTimeOffset now) => lead.IsLockedAt(now) && lead.LockedById != actor.UserId;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>The match key without the account it is scoped to ("{account}|key"), fields shown with " · ".</summary>
    internal static string DisplayKey(string matchKey)
    {
        var bar = matchKey.IndexOf('|');
        return (bar >= 0 ? matchKey[(bar + 1)..] : matchKey).Replace("|", " · ", StringComparison.Ordinal);
    }

    private static string LabelOf(Lead lead) => lead.DisplayName is { Length: > 0 } name ? $"{name} ({lead.Company})" : lead.Company;
}
