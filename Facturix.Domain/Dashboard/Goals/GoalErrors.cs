using FluentValidation;

namespace Facturix.Domain.Dashboard.Goals;

/// <summary>Codes of goal validation failures (issue 16); <see cref="GoalInputValidator"/> raises them, the service <see cref="Duplicate"/>.</summary>
public static class GoalErrors
{
    /// <summary>The target is outside 1..<see cref="GoalInputValidator.MaxTarget"/>.</summary>
    public const string TargetRange = "goal.target.range";
    /// <summary>The period does not start where its unit starts (a Monday, a 1st, a quarter's 1st).</summary>
    public const string PeriodStartMisaligned = "goal.period-start.misaligned";
    public const string PeriodUnitInvalid = "goal.period-unit.invalid";
    public const string MetricInvalid = "goal.metric.invalid";
    public const string SubjectKindInvalid = "goal.subject-kind.invalid";
    public const string SubjectRequired = "goal.subject.required";
    /// <summary>Raised by the service: the subject already has a goal on that metric for that period.</summary>
    public const string Duplicate = "goal.duplicate";

    public static IReadOnlyList<string> All { get; } =
        [TargetRange, PeriodStartMisaligned, PeriodUnitInvalid, MetricInvalid, SubjectKindInvalid, SubjectRequired, Duplicate];
}

/// <summary>The rules of the goal dialog, run again by the service before writing.</summary>
public sealed class GoalInputValidator : AbstractValidator<GoalInput>
{
    public const int MaxTarget = 1_000_000;

    public GoalInputValidator()
    {
        RuleFor(g => g.SubjectKind).IsInEnum().WithErrorCode(GoalErrors.SubjectKindInvalid);
        RuleFor(g => g.SubjectId).NotEmpty().WithErrorCode(GoalErrors.SubjectRequired);
        RuleFor(g => g.Metric).IsInEnum().WithErrorCode(GoalErrors.MetricInvalid);
        RuleFor(g => g.PeriodUnit).IsInEnum().WithErrorCode(GoalErrors.PeriodUnitInvalid);
        RuleFor(g => g.PeriodStart).Must((g, start) => GoalPeriods.IsAligned(g.PeriodUnit, start))
            .When(g => Enum.IsDefined(g.PeriodUnit)).WithErrorCode(GoalErrors.PeriodStartMisaligned);
        RuleFor(g => g.Target).InclusiveBetween(1, MaxTarget).WithErrorCode(GoalErrors.TargetRange);
    }
}
