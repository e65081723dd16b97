namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// Paris-time calendar for the demo: the agency works French office hours, so generated activity has to fall on
/// weekdays and at plausible times of day there, whatever the server's time zone.
/// </summary>
internal static class ParisWorkingHours
{
    private static readonly TimeZoneInfo Paris = FindParis();

    /// <summary>
    /// The same day in Paris (a weekend moves back into the week) at a working time of day: mostly 9:00-12:30 and
    /// 14:00-18:30.
    /// </summary>
    public static DateTimeOffset WorkTime(this Random random, DateTimeOffset instant, bool forward = false)
    {
        var date = LocalDate(instant);
        // A weekend moves to a weekday of the same week (Monday to Friday before it), or to the next Monday for
        // something scheduled (forward).
        date = (date.DayOfWeek, forward) switch
        {
            (DayOfWeek.Saturday, true) => date.AddDays(2),
            (DayOfWeek.Sunday, true) => date.AddDays(1),
            (DayOfWeek.Saturday, false) => date.AddDays(-random.Next(1, 6)),
            (DayOfWeek.Sunday, false) => date.AddDays(-random.Next(2, 7)),
            _ => date,
        };
        var r = random.NextDouble();
        var (fromMinute, toMinute) = r switch
        {
            < 0.05 => (8 * 60, 9 * 60),
            < 0.50 => (9 * 60, 12 * 60 + 30),
            < 0.58 => (12 * 60 + 30, 14 * 60),
            < 0.97 => (14 * 60, 18 * 60 + 30),
            _ => (18 * 60 + 30, 19 * 60 + 30),
        };
        return AtParisTime(date, random.Next(fromMinute * 60, toMinute * 60));
    }

    /// <summary>The same day (weekends included) early in the morning or in the evening, Paris time.</summary>
    public static DateTimeOffset OffHours(this Random random, DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        var seconds = random.NextDouble() < 0.4 ? random.Next(7 * 3600, 8 * 3600) : random.Next(19 * 3600 + 1800, 21 * 3600);
        return AtParisTime(date, seconds);
    }

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    private static DateTimeOffset AtParisTime(DateOnly date, int secondsSinceMidnight)
    {
        var localTime = date.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(secondsSinceMidnight)));
        return new DateTimeOffset(localTime, Paris.GetUtcOffset(localTime)).ToUniversalTime();
    }

    private static TimeZoneInfo FindParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Europe/Paris", TimeSpan.FromHours(1), "Europe/Paris", "Europe/Paris");
        }
    }
}
