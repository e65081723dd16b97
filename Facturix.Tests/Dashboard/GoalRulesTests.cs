using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using FluentValidation.TestHelper;

namespace Facturix.Tests.Dashboard;

/// <summary>The goal calendar, pace and input rules (backlog 2.1.7), on fixed dates: 15 June 2026 is a Monday.</summary>
public sealed class GoalRulesTests
{
    private static readonly DateOnly Monday = new(2026, 6, 15);

    [Theory]
    [InlineData(GoalPeriodUnit.Week, "2026-06-15", true)]
    [InlineData(GoalPeriodUnit.Week, "2026-06-16", false)]
    [InlineData(GoalPeriodUnit.Week, "2026-06-14", false)]
    [InlineData(GoalPeriodUnit.Month, "2026-06-01", true)]
    [InlineData(GoalPeriodUnit.Month, "2026-06-02", false)]
    [InlineData(GoalPeriodUnit.Quarter, "2026-04-01", true)]
    [InlineData(GoalPeriodUnit.Quarter, "2026-10-01", true)]
    [InlineData(GoalPeriodUnit.Quarter, "2026-05-01", false)]
    [InlineData(GoalPeriodUnit.Quarter, "2026-04-02", false)]
    public void A_period_starts_on_a_Monday_a_first_or_a_quarters_first(GoalPeriodUnit unit, string start, bool aligned) =>
        Assert.Equal(aligned, GoalPeriods.IsAligned(unit, DateOnly.Parse(start)));

    [Theory]
    [InlineData(GoalPeriodUnit.Week, "2026-06-15", "2026-06-21")]
    [InlineData(GoalPeriodUnit.Week, "2026-12-28", "2027-01-03")]
    [InlineData(GoalPeriodUnit.Month, "2026-02-01", "2026-02-28")]
    [InlineData(GoalPeriodUnit.Month, "2028-02-01", "2028-02-29")]
    [InlineData(GoalPeriodUnit.Month, "2026-12-01", "2026-12-31")]
    [InlineData(GoalPeriodUnit.Quarter, "2026-01-01", "2026-03-31")]
    [InlineData(GoalPeriodUnit.Quarter, "2026-10-01", "2026-12-31")]
    public void A_period_ends_the_day_before_the_next_one_starts(GoalPeriodUnit unit, string start, string end) =>
        Assert.Equal(DateOnly.Parse(end), GoalPeriods.EndOf(unit, DateOnly.Parse(start)));

    [Theory]
    [InlineData(GoalPeriodUnit.Week, "2026-06-21", "2026-06-15")] // a Sunday belongs to the week that began the Monday before
    [InlineData(GoalPeriodUnit.Week, "2026-06-15", "2026-06-15")]
    [InlineData(GoalPeriodUnit.Week, "2027-01-01", "2026-12-28")]
    [InlineData(GoalPeriodUnit.Month, "2026-06-30", "2026-06-01")]
    [InlineData(GoalPeriodUnit.Quarter, "2026-06-30", "2026-04-01")]
    [InlineData(GoalPeriodUnit.Quarter, "2026-07-01", "2026-07-01")]
    [InlineData(GoalPeriodUnit.Quarter, "2026-12-31", "2026-10-01")]
    public void The_period_containing_a_day_starts_aligned_and_contains_it(GoalPeriodUnit unit, string day, string start)
    {
        var range = GoalPeriods.Containing(unit, DateOnly.Parse(day));

        Assert.Equal(DateOnly.Parse(start), range.From);
        Assert.True(GoalPeriods.IsAligned(unit, range.From));
        Assert.True(range.Contains(DateOnly.Parse(day)));
    }

    [Fact]
    public void The_pace_needed_is_what_remains_over_the_days_left_including_today()
    {
        var week = GoalPeriods.Range(GoalPeriodUnit.Week, Monday);

        // Thursday: Monday-Wednesday are over (3 of 7 days), 4 days left with today. 100 - 40 = 60 left: 15 a day.
        var standing = GoalPace.Evaluate(100, 40, week, Monday.AddDays(3));

        Assert.Equal(60, standing.Remaining);
        Assert.Equal(4, standing.DaysLeft);
        Assert.Equal(15, standing.NeededPerDay, precision: 9);
        Assert.False(standing.OnTrack); // 3/7 of 100 = 42.9 expected by now
        Assert.True(standing.Behind);
        Assert.False(standing.Done);
    }

    [Fact]
    public void On_track_means_at_least_the_targets_share_of_the_elapsed_days()
    {
        var week = GoalPeriods.Range(GoalPeriodUnit.Week, Monday);
        var thursday = Monday.AddDays(3);

        Assert.True(GoalPace.Evaluate(70, 30, week, thursday).OnTrack);   // 30 >= 70 * 3/7 = 30
        Assert.False(GoalPace.Evaluate(70, 29, week, thursday).OnTrack);
        // The first morning nothing is expected yet: today is still going.
        Assert.True(GoalPace.Evaluate(70, 0, week, Monday).OnTrack);
        Assert.Equal(10, GoalPace.Evaluate(70, 0, week, Monday).NeededPerDay, precision: 9);
    }

    [Fact]
    public void A_goal_reached_is_done_and_needs_nothing_more()
    {
        var month = GoalPeriods.Range(GoalPeriodUnit.Month, new DateOnly(2026, 6, 1));

        var standing = GoalPace.Evaluate(50, 61, month, new DateOnly(2026, 6, 3));

        Assert.True(standing.Done);
        Assert.True(standing.OnTrack);
        Assert.False(standing.Behind);
        Assert.Equal(0, standing.Remaining);
        Assert.Equal(0, standing.NeededPerDay);
    }

    [Fact]
    public void The_last_day_needs_all_that_remains_and_after_the_end_it_is_still_all_needed()
    {
        var week = GoalPeriods.Range(GoalPeriodUnit.Week, Monday);

        var lastDay = GoalPace.Evaluate(100, 90, week, week.To);
        var after = GoalPace.Evaluate(100, 90, week, week.To.AddDays(2));

        Assert.Equal(1, lastDay.DaysLeft);
        Assert.Equal(10, lastDay.NeededPerDay, precision: 9);
        Assert.Equal(0, after.DaysLeft);
        Assert.Equal(10, after.NeededPerDay, precision: 9);
        Assert.True(after.Behind);
    }

    [Fact]
    public void Before_the_period_starts_every_day_is_left_and_nothing_is_expected()
    {
        var week = GoalPeriods.Range(GoalPeriodUnit.Week, Monday);

        var standing = GoalPace.Evaluate(70, 0, week, Monday.AddDays(-3));

        Assert.Equal(7, standing.DaysLeft);
        Assert.Equal(10, standing.NeededPerDay, precision: 9);
        Assert.True(standing.OnTrack);
    }

    private static GoalInput Valid => new()
    {
        SubjectKind = GoalSubject.User, SubjectId = Guid.NewGuid(), Metric = GoalMetric.Calls, PeriodUnit = GoalPeriodUnit.Week,
        PeriodStart = Monday, Target = 100,
    };

    [Fact]
    public void A_valid_goal_passes() => new GoalInputValidator().TestValidate(Valid).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_001)]
    public void The_target_is_between_one_and_a_million(int target) =>
        new GoalInputValidator().TestValidate(Valid with { Target = target })
            .ShouldHaveValidationErrorFor(g => g.Target).WithErrorCode(GoalErrors.TargetRange);

    [Theory]
    [InlineData(1)]
    [InlineData(1_000_000)]
    public void The_target_bounds_are_included(int target) =>
        new GoalInputValidator().TestValidate(Valid with { Target = target }).ShouldNotHaveValidationErrorFor(g => g.Target);

    [Theory]
    [InlineData(GoalPeriodUnit.Week, "2026-06-16")]
    [InlineData(GoalPeriodUnit.Month, "2026-06-15")]
    [InlineData(GoalPeriodUnit.Quarter, "2026-06-01")]
    public void The_start_must_be_aligned_with_the_unit(GoalPeriodUnit unit, string start) =>
        new GoalInputValidator().TestValidate(Valid with { PeriodUnit = unit, PeriodStart = DateOnly.Parse(start) })
            .ShouldHaveValidationErrorFor(g => g.PeriodStart).WithErrorCode(GoalErrors.PeriodStartMisaligned);

    [Fact]
    public void Unknown_kinds_metrics_and_units_and_an_empty_subject_are_refused_each_with_its_code()
    {
        var result = new GoalInputValidator().TestValidate(Valid with
        {
            SubjectKind = (GoalSubject)9, SubjectId = Guid.Empty, Metric = (GoalMetric)9, PeriodUnit = (GoalPeriodUnit)9,
        });

        result.ShouldHaveValidationErrorFor(g => g.SubjectKind).WithErrorCode(GoalErrors.SubjectKindInvalid);
        result.ShouldHaveValidationErrorFor(g => g.SubjectId).WithErrorCode(GoalErrors.SubjectRequired);
        result.ShouldHaveValidationErrorFor(g => g.Metric).WithErrorCode(GoalErrors.MetricInvalid);
        result.ShouldHaveValidationErrorFor(g => g.PeriodUnit).WithErrorCode(GoalErrors.PeriodUnitInvalid);
    }

    [Fact]
    public void Every_goal_code_is_a_known_error_code() =>
        Assert.All(GoalErrors.All, code => Assert.Contains(code, Facturix.Domain.Common.ErrorCodes.All));
}
