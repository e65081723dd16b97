using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Tasks;

/// <summary>
/// <see cref="ITaskService"/>. Who may touch a task is one rule (<see cref="Reachable"/>): its assignee, its creator, and
/// with <see cref="Capability.AnalyticsTeam"/> anyone whose team (<c>Scope.Users</c>) holds its assignee. A task outside
/// that is "not found", never "forbidden": its existence is not revealed.
/// </summary>
internal sealed class TaskService(IDbContextFactory<FacturixDb> dbFactory, IValidator<TaskInput> validator, TimeProvider clock)
    : ITaskService
{
    public async Task<PagedResult<TaskRow>> ListAsync(Actor actor, TaskListQuery query, PageRequest page, CancellationToken ct = default)
    {
        actor.DemandActive();
        if (query.View == TaskView.Team) actor.Demand(Capability.AnalyticsTeam);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        IQueryable<TaskItem> tasks;
        if (query.LeadId is { } leadId)
        {
            // One lead's tasks, whoever holds them: whoever sees the lead sees what is planned on it (the lead page).
            actor.Demand(Capability.LeadsRead);
            if (!await Scope.Leads(db, actor).AnyAsync(l => l.Id == leadId, ct)) throw new NotFoundException("lead", leadId);
            tasks = db.Tasks.Where(t => t.LeadId == leadId);
        }
        else
            tasks = query.View == TaskView.Team ? Reachable(db, actor) : db.Tasks.Where(t => t.AssigneeId == actor.UserId);
        tasks = query.Done ? tasks.Where(t => t.CompletedAt != null) : tasks.Where(t => t.CompletedAt == null);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = LikePattern.Containing(query.Search.Trim());
            tasks = tasks.Where(t => EF.Functions.ILike(t.Title, pattern, LikePattern.Escape)
                || (t.Notes != null && EF.Functions.ILike(t.Notes, pattern, LikePattern.Escape)));
        }

        var total = await tasks.CountAsync(ct);
        if (total == 0) return PagedResult<TaskRow>.Empty;
        var ordered = query.Done
            ? tasks.OrderByDescending(t => t.CompletedAt).ThenBy(t => t.Id)
            : tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id);
        // A page of at most 200: the names as correlated lookups keep the page's order in the one statement.
        var rows = await ordered.Skip(page.Skip).Take(page.Take).Select(t => new
        {
            Task = t,
            Assignee = db.Users.Where(u => u.Id == t.AssigneeId).Select(u => u.DisplayName).First(),
            Lead = db.Leads.Where(l => l.Id == t.LeadId).Select(l => new { l.FirstName, l.LastName, l.Company }).FirstOrDefault(),
            Campaign = db.Campaigns.Where(c => c.Id == t.CampaignId).Select(c => c.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        return new PagedResult<TaskRow>(rows.Select(r => new TaskRow(
            r.Task.Id, r.Task.Title, r.Task.Notes, r.Task.Priority, r.Task.DueAt, r.Task.CompletedAt, r.Task.AssigneeId, r.Assignee,
            r.Task.LeadId, r.Lead is null ? null : LeadName(r.Lead.FirstName, r.Lead.LastName), r.Lead?.Company, r.Campaign)).ToList(), total);
    }

    public async Task<Guid> CreateAsync(Actor actor, TaskInput input, CancellationToken ct = default)
    {
        actor.DemandActive();
        await validator.ValidateAndThrowAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var assigneeId = input.AssigneeId ?? actor.UserId;
        await DemandMayAssignAsync(db, actor, assigneeId, currentAssigneeId: null, ct);

        Guid? campaignId = null, accountId = null;
        if (input.LeadId is { } leadId)
        {
            actor.Demand(Capability.LeadsRead);
            var lead = await Scope.Leads(db, actor).Where(l => l.Id == leadId)
                .Select(l => new { l.CampaignId, l.AccountId }).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("lead", leadId);
            (campaignId, accountId) = (lead.CampaignId, lead.AccountId);
        }

        var now = clock.GetUtcNow();
        var task = new TaskItem
        {
            Id = Guid.CreateVersion7(now), Title = input.Title.Trim(), Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
            AssigneeId = assigneeId, CreatedById = actor.UserId, LeadId = input.LeadId, CampaignId = campaignId, AccountId = accountId,
            // PostgreSQL's timestamptz takes UTC only from Npgsql: a due time typed in Paris comes with its offset.
            Priority = input.Priority, DueAt = input.DueAt?.ToUniversalTime(), CreatedAt = now, UpdatedAt = now,
        };
        db.Tasks.Add(task);
        db.Publish(new TaskChanged(task.Id, assigneeId, task.LeadId));
        await db.SaveChangesAsync(ct);
        return task.Id;
    }

    public async Task UpdateAsync(Actor actor, Guid taskId, TaskInput input, CancellationToken ct = default)
    {
        actor.DemandActive();
        await validator.ValidateAndThrowAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await Reachable(db, actor).FirstOrDefaultAsync(t => t.Id == taskId, ct) ?? throw new NotFoundException("task", taskId);
        var assigneeId = input.AssigneeId ?? actor.UserId;
        await DemandMayAssignAsync(db, actor, assigneeId, task.AssigneeId, ct);

        var formerAssignee = task.AssigneeId;
        task.Title = input.Title.Trim();
        task.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        task.DueAt = input.DueAt?.ToUniversalTime();
        task.Priority = input.Priority;
        task.AssigneeId = assigneeId;
        task.UpdatedAt = clock.GetUtcNow();
        db.Publish(new TaskChanged(task.Id, assigneeId, task.LeadId));
        // The former assignee's list loses it.
        if (formerAssignee != assigneeId) db.Publish(new TaskChanged(task.Id, formerAssignee, task.LeadId));
        await db.SaveChangesAsync(ct);
    }

    public async Task SetDoneAsync(Actor actor, Guid taskId, bool done, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await Reachable(db, actor).FirstOrDefaultAsync(t => t.Id == taskId, ct) ?? throw new NotFoundException("task", taskId);
        if (task.IsOpen != done) return; // already as asked: a double click, or two tabs
        var now = clock.GetUtcNow();
        task.CompletedAt = done ? now : null;
        task.UpdatedAt = now;
        db.Publish(new TaskChanged(task.Id, task.AssigneeId, task.LeadId));
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Actor actor, Guid taskId, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await Reachable(db, actor).FirstOrDefaultAsync(t => t.Id == taskId, ct) ?? throw new NotFoundException("task", taskId);
        db.Tasks.Remove(task);
        db.Publish(new TaskChanged(task.Id, task.AssigneeId, task.LeadId));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<TaskAssignee>> ListAssigneesAsync(Actor actor, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = actor.Can(Capability.AnalyticsTeam)
            ? Scope.Users(db, actor).Where(u => u.DeactivatedAt == null)
            : db.Users.Where(u => u.Id == actor.UserId);
        return await people.OrderBy(u => u.DisplayName).Select(u => new TaskAssignee(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);
    }

    /// <summary>
    /// Giving work to someone else is a manager's act, and only to their own team (active people). Keeping a task with
    /// whoever holds it already is always allowed: a BD editing the task their manager gave them keeps it theirs.
    /// </summary>
    private static async Task DemandMayAssignAsync(FacturixDb db, Actor actor, Guid assigneeId, Guid? currentAssigneeId, CancellationToken ct)
    {
        if (assigneeId == actor.UserId || assigneeId == currentAssigneeId) return;
        actor.Demand(Capability.AnalyticsTeam);
        if (!await Scope.Users(db, actor).AnyAsync(u => u.Id == assigneeId && u.DeactivatedAt == null, ct))
            throw Refusals.Invalid(nameof(TaskInput.AssigneeId), "task.assignee.unknown", assigneeId);
    }

    /// <summary>The tasks the actor may see and change: their own, those they created, and their team's with AnalyticsTeam.</summary>
    private static IQueryable<TaskItem> Reachable(FacturixDb db, Actor actor)
    {
        if (!actor.IsActive) return db.Tasks.Where(_ => false);
        var userId = actor.UserId;
        if (!actor.Can(Capability.AnalyticsTeam))
            return db.Tasks.Where(t => t.AssigneeId == userId || t.CreatedById == userId);
        var team = Scope.Users(db, actor).Select(u => u.Id);
        return db.Tasks.Where(t => t.AssigneeId == userId || t.CreatedById == userId || team.Contains(t.AssigneeId));
    }

    private static string? LeadName(string? first, string? last) =>
        string.Join(' ', new[] { first, last }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } name ? name : null;
}
