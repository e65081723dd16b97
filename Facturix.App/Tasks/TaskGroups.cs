using Facturix.Domain.Tasks;

namespace Facturix.App.Tasks;

/// <summary>Where an open task sits on the list, by its due time against the person's today (Close's and HubSpot's buckets).</summary>
public enum TaskGroup
{
    Overdue,
    Today,
    Tomorrow,
    ThisWeek,
    Later,
    NoDate,
    Done,
}

public static class TaskGroups
{
    /// <summary>
    /// The group of <paramref name="task"/> seen at <paramref name="now"/> (the person's local time; the due time is turned
    /// into the same zone by <paramref name="toLocal"/>). "This week" is the next seven days after tomorrow, not the
    /// calendar week: on a Friday, Monday's follow-ups are "this week" too.
    /// </summary>
    public static TaskGroup Of(TaskRow task, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset> toLocal)
    {
        if (task.IsDone) return TaskGroup.Done;
        if (task.DueAt is not { } dueAt) return TaskGroup.NoDate;
        if (dueAt < now) return TaskGroup.Overdue;
        var days = toLocal(dueAt).Date.Subtract(now.Date).Days;
        return days switch
        {
            <= 0 => TaskGroup.Today,
            1 => TaskGroup.Tomorrow,
            <= 7 => TaskGroup.ThisWeek,
            _ => TaskGroup.Later,
        };
    }

    /// <summary>The page's tasks by group, in the groups' order, each keeping the list's order (soonest first).</summary>
    public static IReadOnlyList<(TaskGroup Group, IReadOnlyList<TaskRow> Tasks)> Arrange(
        IEnumerable<TaskRow> tasks, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset> toLocal) =>
        tasks.GroupBy(t => Of(t, now, toLocal)).OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<TaskRow>)g.ToList())).ToList();
}
