namespace Facturix.Domain.Dashboard.Goals;

/// <summary>Where a goal stands on a given day (<see cref="GoalPace.Evaluate"/>).</summary>
/// <param name="DaysLeft">Days of the period still to work, today included (0 once it is over; all of them before it starts).</param>
/// <param name="NeededPerDay">What must be achieved each day left, today included, to reach the target; 0 once done.</param>
/// <param name="OnTrack">At least the target's share of the days already over (today not counted: it is still going).</param>
public readonly record struct GoalStanding(int Remaining, int DaysLeft, double NeededPerDay, bool OnTrack, bool Done)
{
    /// <summary>Not done and below the pace: what the at-risk rule and the rings flag.</summary>
    public bool Behind => !Done && !OnTrack;
}

/// <summary>
/// The pace of a goal (backlog 2.1.7): the daily pace needed is what remains divided by the days left including today;
/// a goal is on track when what is achieved covers the target in proportion of the days already elapsed (whole days
/// before today), and done when it reaches the target.
/// </summary>
public static class GoalPace
{
    public static GoalStanding Evaluate(int target, int achieved, DayRange period, DateOnly today)
    {
        var elapsed = Math.Clamp(today.DayNumber - period.From.DayNumber, 0, period.Days);
        var daysLeft = period.Days - elapsed;
        var remaining = Math.Max(0, target - achieved);
        var done = achieved >= target;
        // Past the end with work left: all of it is still "needed", today.
        var needed = done ? 0 : remaining / (double)Math.Max(1, daysLeft);
        var onTrack = done || achieved >= target * (elapsed / (double)period.Days);
        return new GoalStanding(remaining, daysLeft, needed, onTrack, done);
    }
}
