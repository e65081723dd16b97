using System.Globalization;
using Facturix.Domain.Dashboard.Goals;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Dashboard;

/// <summary>How the dashboard writes its figures: raw invariant values for data-* hooks, formatted ones for people.</summary>
internal static class DashboardFormat
{
    public static string Raw(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Raw(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";

    public static string Number(long? value) => value?.ToString("N0", CultureInfo.CurrentCulture) ?? "";

    /// <summary>
    /// A percentage as the reader writes it: "25 %" in French with a narrow no-break space (.NET's French pattern puts an
    /// ordinary space there, so the sign could wrap onto a line of its own), "25%" in English.
    /// </summary>
    public static string Percent(double value, int decimals = 1) =>
        value.ToString("P" + decimals, CultureInfo.CurrentCulture).Replace(" %", "\u202F%", StringComparison.Ordinal);

    /// <summary>
    /// The share of a goal reached, rounded down: 249 calls of 250 read "100 %" beside a pace still needed. The epsilon
    /// keeps an exact share (0.29 * 100 is 28.999...) from dropping a point.
    /// </summary>
    public static string Reached(double fraction) => Percent(Math.Floor(fraction * 100 + 1e-9) / 100, 0);

    /// <summary>A daily pace still needed, one decimal rounded up: one call left over a month read "0 a day to finish".</summary>
    public static string PaceNeeded(double perDay) =>
        Math.Max(0, Math.Ceiling(perDay * 10 - 1e-9) / 10).ToString("0.#", CultureInfo.CurrentCulture);

    public static string Day(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>
    /// A goal's period as people name it: "Décembre 2026", "T4 2026", "Semaine du 30/11/2026" ("December 2026", "Q4 2026",
    /// "Week of 11/30/2026"). Its exact days go in a tooltip: two full dates wrapped on a half-width card.
    /// </summary>
    public static string GoalPeriod(IStringLocalizer<DashboardStrings> l, GoalPeriodUnit unit, DateOnly start) => unit switch
    {
        GoalPeriodUnit.Month => Capitalized(start.ToString("MMMM yyyy", CultureInfo.CurrentCulture)),
        GoalPeriodUnit.Quarter => l["Period.Quarter", (start.Month - 1) / 3 + 1, start.Year],
        _ => l["Period.Week", Day(start)],
    };

    // French month names are lower case ("décembre 2026"); alone on their line they start with a capital.
    private static string Capitalized(string text) =>
        text.Length == 0 ? text : CultureInfo.CurrentCulture.TextInfo.ToUpper(text[0]) + text[1..];

    /// <summary>A short day label for chart axes ("30/11" in French, "11/30" in English).</summary>
    public static string ShortDay(DateOnly day)
    {
        var pattern = CultureInfo.CurrentCulture.DateTimeFormat.MonthDayPattern.Contains('M', StringComparison.Ordinal)
            && CultureInfo.CurrentCulture.DateTimeFormat.ShortDatePattern.StartsWith('M') ? "MM/dd" : "dd/MM";
        return day.ToString(pattern, CultureInfo.InvariantCulture);
    }

    /// <summary>The input value of an &lt;input type=date&gt; (yyyy-MM-dd), or null when it is not a date.</summary>
    public static DateOnly? ParseInputDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static string InputDate(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
