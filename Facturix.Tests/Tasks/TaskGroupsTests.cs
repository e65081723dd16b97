using Facturix.App.Tasks;
using Facturix.Domain.Tasks;

namespace Facturix.Tests.Tasks;

/// <summary>Where an open task sits by its due time against the person's today (their zone, not the server's).</summary>
public sealed class TaskGroupsTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    // Friday 4 December 2026, 14:00 in Paris.
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 14, 0, 0, TimeSpan.FromHours(1));

    private static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris);

    private static TaskRow Due(DateTimeOffset? dueAt, DateTimeOffset? doneAt = null) =>
        new(Guid.NewGuid(), "Rappeler", null, TaskPriority.Normal, dueAt, doneAt, Guid.NewGuid(), "Camille", null, null, null, null);

    [Theory]
    [InlineData("2026-12-04T13:59:00+01:00", TaskGroup.Overdue)] // a minute ago, today: late already
    [InlineData("2026-12-01T09:00:00+01:00", TaskGroup.Overdue)]
    [InlineData("2026-12-04T14:01:00+01:00", TaskGroup.Today)]
    [InlineData("2026-12-04T23:30:00+01:00", TaskGroup.Today)]
    [InlineData("2026-12-04T22:30:00+00:00", TaskGroup.Today)] // 23:30 in Paris, though the 4th in UTC too
    [InlineData("2026-12-04T23:30:00+00:00", TaskGroup.Tomorrow)] // 00:30 on the 5th in Paris, still the 4th in UTC
    [InlineData("2026-12-05T09:00:00+01:00", TaskGroup.Tomorrow)]
    [InlineData("2026-12-07T09:00:00+01:00", TaskGroup.ThisWeek)] // Monday: within the week, though a calendar week later
    [InlineData("2026-12-11T18:00:00+01:00", TaskGroup.ThisWeek)]
    [InlineData("2026-12-12T09:00:00+01:00", TaskGroup.Later)]
    public void An_open_task_sits_by_its_due_time_in_the_persons_zone(string dueAt, TaskGroup expected)
    {
        Assert.Equal(expected, TaskGroups.Of(Due(DateTimeOffset.Parse(dueAt)), Now, ToLocal));
    }

    [Fact]
    public void Undated_tasks_come_last_and_done_ones_apart()
    {
        Assert.Equal(TaskGroup.NoDate, TaskGroups.Of(Due(null), Now, ToLocal));
        Assert.Equal(TaskGroup.Done, TaskGroups.Of(Due(Now.AddDays(-3), doneAt: Now), Now, ToLocal));
    }

    [Fact]
    public void The_list_is_arranged_in_the_groups_order_each_keeping_the_lists_order()
    {
        var later = Due(Now.AddDays(20));
        var undated = Due(null);
        var late1 = Due(Now.AddDays(-2));
        var late2 = Due(Now.AddHours(-1));
        var today = Due(Now.AddHours(1));

        var arranged = TaskGroups.Arrange([late1, late2, today, later, undated], Now, ToLocal);

        Assert.Equal([TaskGroup.Overdue, TaskGroup.Today, TaskGroup.Later, TaskGroup.NoDate], arranged.Select(g => g.Group));
        Assert.Equal([late1.Id, late2.Id], arranged[0].Tasks.Select(t => t.Id));
    }
}
