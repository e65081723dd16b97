using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Domain.Tasks;

/// <summary>
/// The to-do list (<c>/tasks</c>, backlog 1 "task list/dialog"): follow-ups a staff member sets for themselves or a
/// manager for their team, on a lead or free-standing. Any active staff member keeps their own tasks; seeing the team's
/// and giving tasks to others takes <see cref="Capability.AnalyticsTeam"/>, within <c>Scope.Users</c>. A task on a lead
/// needs the lead in scope. Every change raises <see cref="LiveEvents.TaskChanged"/> (the dashboard's "tasks done" and
/// every open task list follow it).
/// </summary>
public interface ITaskService
{
    /// <summary>One page of tasks: open ones soonest due first (undated last), done ones most recently done first.</summary>
    Task<PagedResult<TaskRow>> ListAsync(Actor actor, TaskListQuery query, PageRequest page, CancellationToken ct = default);

    /// <summary>Creates a task; <see cref="TaskInput.AssigneeId"/> null means the actor. Returns its id.</summary>
    Task<Guid> CreateAsync(Actor actor, TaskInput input, CancellationToken ct = default);

    /// <summary>
    /// Changes a task's title, notes, due time, priority and assignee (same rules as <see cref="CreateAsync"/>); its lead
    /// stays. Who may: as <see cref="SetDoneAsync"/>.
    /// </summary>
    Task UpdateAsync(Actor actor, Guid taskId, TaskInput input, CancellationToken ct = default);

    /// <summary>Marks a task done, or open again (the "undo" of done). Idempotent.</summary>
    Task SetDoneAsync(Actor actor, Guid taskId, bool done, CancellationToken ct = default);

    /// <summary>Deletes a task (its assignee, its creator, or a manager of its assignee).</summary>
    Task DeleteAsync(Actor actor, Guid taskId, CancellationToken ct = default);

    /// <summary>The people the actor may give a task to: themselves, and their team with <see cref="Capability.AnalyticsTeam"/>.</summary>
    Task<IReadOnlyList<TaskAssignee>> ListAssigneesAsync(Actor actor, CancellationToken ct = default);
}

/// <summary>Whose tasks: the actor's own, or everyone's in their team (<see cref="Capability.AnalyticsTeam"/>).</summary>
public enum TaskView
{
    Mine = 0,
    Team = 1,
}

/// <summary>
/// Filters of the task list. <see cref="LeadId"/>: one lead's tasks (the lead page). <see cref="Search"/>: words in the
/// title or the notes (contains, any case; the global search).
/// </summary>
public sealed record TaskListQuery(TaskView View = TaskView.Mine, bool Done = false, Guid? LeadId = null, string? Search = null);

/// <summary>One task as the lists show it, with its lead's name and company when it is about a lead.</summary>
public sealed record TaskRow(
    Guid Id, string Title, string? Notes, TaskPriority Priority, DateTimeOffset? DueAt, DateTimeOffset? CompletedAt,
    Guid AssigneeId, string AssigneeName, Guid? LeadId, string? LeadName, string? LeadCompany, string? CampaignName)
{
    public bool IsDone => CompletedAt is not null;
}

public sealed record TaskAssignee(Guid UserId, string DisplayName, string Email);
