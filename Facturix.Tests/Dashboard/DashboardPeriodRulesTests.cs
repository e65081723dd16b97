using Facturix.Domain.Dashboard;

namespace Facturix.Tests.Dashboard;

public sealed class DashboardPeriodRulesTests
{
    private static readonly DashboardPeriodValidator Validator = new();

    [Theory]
    [InlineData("0001-01-01", "0001-01-05")] // Previous would start before DateOnly.MinValue
    [InlineData("1999-12-31", "2000-01-05")]
    [InlineData("2099-12-30", "2100-01-01")]
    [InlineData("9999-12-01", "9999-12-31")]
    public void A_custom_period_outside_2000_to_2099_is_refused_with_its_code(string from, string to)
    {
        var period = new DashboardPeriod(PeriodKind.Custom, DateOnly.Parse(from), DateOnly.Parse(to));

        var result = Validator.Validate(period);

        Assert.Contains(result.Errors, e => e.ErrorCode == DashboardErrors.PeriodOutOfRange);
    }
}
