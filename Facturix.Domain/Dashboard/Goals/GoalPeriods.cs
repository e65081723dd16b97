namespace Facturix.Domain.Dashboard.Goals;

/// <summary>
/// The calendar of goals (backlog 2.1.7): a week starts on a Monday, a month on its 1st, a quarter on the 1st of January,
/// April, July or October; every period ends the day before the next one starts. Days are agency days (<see cref="AgencyDays"/>).
/// </summary>
public static class GoalPeriods
{
    /// <summary>Whether <paramref name="start"/> is where a period of <paramref name="unit"/> begins.</summary>
    public static bool IsAligned(GoalPeriodUnit unit, DateOnly start) => unit switch
    {
        GoalPeriodUnit.Week => start.DayOfWeek == DayOfWeek.Monday,
        GoalPeriodUnit.Month => start.Day == 1,
        GoalPeriodUnit.Quarter => start.Day == 1 && (start.Month - 1) % 3 == 0,
        _ => false,
    };

    /// <summary>The first day of the period of <paramref name="unit"/> that contains <paramref name="day"/>.</summary>
    public static DateOnly StartOf(GoalPeriodUnit unit, DateOnly day) => unit switch
    {
        // DayOfWeek counts from Sunday (0): Monday is 0 days back, Sunday 6.
        GoalPeriodUnit.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        GoalPeriodUnit.Month => new DateOnly(day.Year, day.Month, 1),
        GoalPeriodUnit.Quarter => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown goal period."),
    };

    /// <summary>The last day (inclusive) of the period of <paramref name="unit"/> starting on <paramref name="start"/>.</summary>
    public static DateOnly EndOf(GoalPeriodUnit unit, DateOnly start) => unit switch
    {
        GoalPeriodUnit.Week => start.AddDays(6),
        GoalPeriodUnit.Month => start.AddMonths(1).AddDays(-1),
        GoalPeriodUnit.Quarter => start.AddMonths(3).AddDays(-1),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown goal period."),
    };

    /// <summary>The days of the period of <paramref name="unit"/> starting on <paramref name="start"/>.</summary>
    public static DayRange Range(GoalPeriodUnit unit, DateOnly start) => new(start, EndOf(unit, start));

    /// <summary>The period of <paramref name="unit"/> that contains <paramref name="day"/>.</summary>
    public static DayRange Containing(GoalPeriodUnit unit, DateOnly day) => Range(unit, StartOf(unit, day));
}
