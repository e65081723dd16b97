using FluentValidation;

namespace Facturix.Domain.Dashboard;

/// <summary>Codes of the dashboard's validation failures (issue 16).</summary>
public static class DashboardErrors
{
    /// <summary>A custom period needs both days, the first not after the last.</summary>
    public const string PeriodInvalid = "dashboard.period.invalid";
    /// <summary>A custom period longer than <see cref="DashboardPeriod.MaxCustomDays"/>.</summary>
    public const string PeriodTooLong = "dashboard.period.too-long";
    /// <summary>A custom period's day before <see cref="DashboardPeriod.FirstDay"/> or after <see cref="DashboardPeriod.LastDay"/>.</summary>
    public const string PeriodOutOfRange = "dashboard.period.out-of-range";

    public static IReadOnlyList<string> All { get; } = [PeriodInvalid, PeriodTooLong, PeriodOutOfRange];
}

public sealed class DashboardPeriodValidator : AbstractValidator<DashboardPeriod>
{
    public DashboardPeriodValidator()
    {
        RuleFor(p => p.Kind).IsInEnum().WithErrorCode(DashboardErrors.PeriodInvalid);
        When(p => p.Kind == PeriodKind.Custom, () =>
        {
            // Near DateOnly's ends the previous period (the KPIs' comparison) and day-end instants overflow: a typo such
            // as year 1 broke the dashboard, and being remembered, broke it on every visit.
            RuleFor(p => p.From).Cascade(CascadeMode.Stop).NotNull().WithErrorCode(DashboardErrors.PeriodInvalid)
                .InclusiveBetween(DashboardPeriod.FirstDay, DashboardPeriod.LastDay).WithErrorCode(DashboardErrors.PeriodOutOfRange);
            RuleFor(p => p.To).Cascade(CascadeMode.Stop).NotNull().WithErrorCode(DashboardErrors.PeriodInvalid)
                .InclusiveBetween(DashboardPeriod.FirstDay, DashboardPeriod.LastDay).WithErrorCode(DashboardErrors.PeriodOutOfRange)
                .GreaterThanOrEqualTo(p => p.From).When(p => p.From is not null).WithErrorCode(DashboardErrors.PeriodInvalid);
            RuleFor(p => p).Must(p => p.To!.Value.DayNumber - p.From!.Value.DayNumber < DashboardPeriod.MaxCustomDays)
                .When(p => p.From is { } from && p.To is { } to && from <= to)
                .WithName(nameof(DashboardPeriod.To)).WithErrorCode(DashboardErrors.PeriodTooLong);
        });
    }
}

public sealed class DashboardQueryValidator : AbstractValidator<DashboardQuery>
{
    public DashboardQueryValidator()
    {
        RuleFor(q => q.Scope).IsInEnum().WithErrorCode(DashboardErrors.PeriodInvalid);
        RuleFor(q => q.Period).NotNull().WithErrorCode(DashboardErrors.PeriodInvalid).SetValidator(new DashboardPeriodValidator());
    }
}
