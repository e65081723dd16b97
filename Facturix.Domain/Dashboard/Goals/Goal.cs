namespace Facturix.Domain.Dashboard.Goals;

public enum GoalMetric
{
    Calls = 0,
    Contacts = 1,
    Meetings = 2,
    Conversions = 3,
}

public enum GoalPeriodUnit
{
    Week = 0,
    Month = 1,
    Quarter = 2,
}

/// <summary>Who or what a goal is for.</summary>
public enum GoalSubject
{
    User = 0,
    Campaign = 1,
    Account = 2,
}

/// <summary>
/// A target set by a manager (backlog 2.1.7, 2.5.4): <see cref="Target"/> of <see cref="Metric"/> by one BD, campaign or
/// account over one week, month or quarter, the one starting on <see cref="PeriodStart"/> (a Monday, a 1st, a quarter's 1st).
/// </summary>
public sealed class Goal
{
    public Guid Id { get; set; }
    public GoalSubject SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public GoalMetric Metric { get; set; }
    public GoalPeriodUnit PeriodUnit { get; set; }
    public DateOnly PeriodStart { get; set; }
    public int Target { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency token (PostgreSQL's xmin).</summary>
    public uint Version { get; set; }
}

/// <summary>What a manager types in the goal dialog; <c>GoalInputValidator</c> holds the rules.</summary>
public sealed record GoalInput
{
    public GoalSubject SubjectKind { get; init; }
    public Guid SubjectId { get; init; }
    public GoalMetric Metric { get; init; }
    public GoalPeriodUnit PeriodUnit { get; init; } = GoalPeriodUnit.Month;
    public DateOnly PeriodStart { get; init; }
    public int Target { get; init; }
}

/// <summary>Someone or something a goal can be set for, as the goal dialog offers it.</summary>
public sealed record GoalSubjectChoice(Guid Id, string Name);

/// <summary>A goal's progress ring: achieved so far, and the daily pace still needed to reach the target by the period's end.</summary>
public sealed record GoalProgress(
    Guid GoalId, GoalSubject SubjectKind, Guid SubjectId, string SubjectName, GoalMetric Metric, GoalPeriodUnit PeriodUnit,
    DateOnly PeriodStart, DateOnly PeriodEnd, int Target, int Achieved, double PaceNeededPerDay, bool OnTrack, uint Version)
{
    public double Fraction => Target <= 0 ? 1 : Math.Min(1, (double)Achieved / Target);
}
