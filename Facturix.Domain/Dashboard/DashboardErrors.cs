using FluentValidation;

namespace Facturix.Domain.Dashboard;

/// <summary>Codes of the dashboard's validation failures (issue 16).</summary>
public static class DashboardErrors
{
    /// <summary>A custom period needs both days, the first not after the last.</summary>
    public const string PeriodInvalid = "dashboard.period.invalid";
    /// <summary>A custom period longer than <see cref="DashboardPeriod.MaxCustomDays"/>.</summary>
    public const string PeriodTooLong = "dashboard.period.too-long";

    public static IReadOnlyList<string> All { get; } = [PeriodInvalid, PeriodTooLong];
}

public sealed class DashboardPeriodValidator : AbstractValidator<DashboardPeriod>
{
    public DashboardPeriodValidator()
    {
        RuleFor(p => p.Kind).IsInEnum().WithErrorCode(DashboardErrors.PeriodInvalid);
        When(p => p.Kind == PeriodKind.Custom, () =>
        {
            RuleFor(p => p.From).NotNull().WithErrorCode(DashboardErrors.PeriodInvalid);
            RuleFor(p => p.To).NotNull().WithErrorCode(DashboardErrors.PeriodInvalid)
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
