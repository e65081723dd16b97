using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using FluentValidation.Results;

namespace Facturix.App.Dashboard;

/// <summary>
/// What the goal dialog edits: <see cref="GoalInput"/> is immutable, and the period's first day is typed in a date
/// input, so the form holds text and maps to the input the service and its validator read (same field names).
/// </summary>
internal sealed class GoalForm
{
    public GoalSubject SubjectKind { get; set; } = GoalSubject.User;
    public Guid? SubjectId { get; set; }
    public GoalMetric Metric { get; set; } = GoalMetric.Calls;
    public GoalPeriodUnit PeriodUnit { get; set; } = GoalPeriodUnit.Month;
    public string? PeriodStart { get; set; }
    public int Target { get; set; }

    public GoalInput ToInput() => new()
    {
        SubjectKind = SubjectKind,
        SubjectId = SubjectId ?? Guid.Empty,
        Metric = Metric,
        PeriodUnit = PeriodUnit,
        PeriodStart = DashboardFormat.ParseInputDate(PeriodStart) ?? default,
        Target = Target,
    };

    public static GoalForm From(GoalProgress goal) => new()
    {
        SubjectKind = goal.SubjectKind,
        SubjectId = goal.SubjectId,
        Metric = goal.Metric,
        PeriodUnit = goal.PeriodUnit,
        PeriodStart = DashboardFormat.InputDate(goal.PeriodStart),
        Target = goal.Target,
    };

    /// <summary>A start that is not a date at all (cleared, half typed): the service would read it as year 1.</summary>
    public static IEnumerable<ValidationFailure> Unreadable(GoalForm form)
    {
        if (DashboardFormat.ParseInputDate(form.PeriodStart) is null)
            yield return new ValidationFailure(nameof(PeriodStart), "") { ErrorCode = GoalErrors.PeriodStartMisaligned };
    }

    public static GoalForm New(DateOnly today) =>
        new() { PeriodStart = DashboardFormat.InputDate(GoalPeriods.StartOf(GoalPeriodUnit.Month, today)) };
}
