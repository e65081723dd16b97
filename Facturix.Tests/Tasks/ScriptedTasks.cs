using Facturix.Domain.Common;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;

namespace Facturix.Tests.Tasks;

/// <summary>The task service played in memory for component tests: a list of rows, ticks and deletions recorded.</summary>
internal sealed class ScriptedTasks : ITaskService
{
    public List<TaskRow> Rows { get; } = [];
    public List<TaskListQuery> Queries { get; } = [];
    public List<(Guid Id, bool Done)> Ticks { get; } = [];
    public List<TaskInput> Created { get; } = [];
    public List<TaskAssignee> Assignees { get; } = [];

    /// <summary>Set: the next reads fail with it (a database gone for a moment).</summary>
    public Exception? FailReads { get; set; }

    public Task<PagedResult<TaskRow>> ListAsync(Actor actor, TaskListQuery query, PageRequest page, CancellationToken ct = default)
    {
        Queries.Add(query);
        if (FailReads is { } failure) return Task.FromException<PagedResult<TaskRow>>(failure);
        var rows = Rows.Where(r => r.IsDone == query.Done).ToList();
        return Task.FromResult(new PagedResult<TaskRow>(rows.Skip(page.Skip).Take(page.Take).ToList(), rows.Count));
    }

    public Task<Guid> CreateAsync(Actor actor, TaskInput input, CancellationToken ct = default)
    {
        Created.Add(input);
        return Task.FromResult(Guid.NewGuid());
    }

    public List<(Guid Id, TaskInput Input)> Updated { get; } = [];

    public Task UpdateAsync(Actor actor, Guid taskId, TaskInput input, CancellationToken ct = default)
    {
        Updated.Add((taskId, input));
        var index = Rows.FindIndex(r => r.Id == taskId);
        Rows[index] = Rows[index] with { Title = input.Title, DueAt = input.DueAt, Priority = input.Priority, Notes = input.Notes };
        return Task.CompletedTask;
    }

    public Task SetDoneAsync(Actor actor, Guid taskId, bool done, CancellationToken ct = default)
    {
        Ticks.Add((taskId, done));
        var index = Rows.FindIndex(r => r.Id == taskId);
        Rows[index] = Rows[index] with { CompletedAt = done ? DateTimeOffset.UtcNow : null };
        return Task.CompletedTask;
    }

    public Task DeleteAsync(Actor actor, Guid taskId, CancellationToken ct = default)
    {
        Rows.RemoveAll(r => r.Id == taskId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TaskAssignee>> ListAssigneesAsync(Actor actor, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<TaskAssignee>>(Assignees);

    public static TaskRow Row(string title, DateTimeOffset? dueAt, TaskPriority priority = TaskPriority.Normal) =>
        new(Guid.NewGuid(), title, null, priority, dueAt, null, Guid.NewGuid(), "Camille Martin", null, null, null, null);
}
