using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Workspace;

namespace Facturix.Tests.Workspace;

/// <summary>An end of 00:00 is midnight at the end of the day (decision 0077): until midnight, or all day from 00:00.</summary>
public sealed class CallingHoursMidnightTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static DateTimeOffset ParisTime(int month, int day, int hour, int minute = 0, int second = 0)
    {
        var local = new DateTime(2026, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    [Fact]
    public void Nine_to_midnight_is_open_until_the_last_second_of_the_day_and_shut_from_midnight_to_nine()
    {
        var hours = new CallingHours(new(9, 0), CallingHours.Midnight, "Europe/Paris");

        Assert.Equal(HoursShape.UntilMidnight, CallingHours.ShapeOf(hours.Start, hours.End));
        Assert.True(hours.IsOpen(ParisTime(11, 10, 9)));                     // start inclusive
        Assert.True(hours.IsOpen(ParisTime(11, 10, 23, 59, 59)));
        Assert.True(CallingHours.Contains(new(9, 0), CallingHours.Midnight, new TimeOnly(23, 59, 59, 999)));
        Assert.False(hours.IsOpen(ParisTime(11, 11, 0)));                     // 24:00 excluded: [start, end)
        Assert.False(hours.IsOpen(ParisTime(11, 11, 8, 59, 59)));
        // Shut at 00:30: it opens again at 9:00 the same day, not "never" as an end-before-start window of no time would.
        Assert.Equal(ParisTime(11, 11, 9), hours.NextOpen(ParisTime(11, 11, 0, 30)));
    }

    [Fact]
    public void Midnight_to_midnight_is_all_day_every_second_and_across_daylight_saving_changes()
    {
        var hours = new CallingHours(CallingHours.Midnight, CallingHours.Midnight, "Europe/Paris");

        Assert.Equal(HoursShape.AllDay, CallingHours.ShapeOf(hours.Start, hours.End));
        Assert.True(hours.IsOpen(ParisTime(11, 10, 0)));                      // 00:00 start inclusive
        Assert.True(hours.IsOpen(ParisTime(11, 10, 12)));
        Assert.True(hours.IsOpen(ParisTime(11, 10, 23, 59)));                 // the minute 00:00–23:59 left out
        Assert.True(hours.IsOpen(ParisTime(11, 10, 23, 59, 59)));
        Assert.True(hours.IsOpen(DateTimeOffset.Parse("2026-03-29T01:30:00Z"))); // the spring-forward night
        var late = ParisTime(11, 10, 23, 59, 30);
        Assert.Equal(late, hours.NextOpen(late));
    }

    [Fact]
    public void A_lead_at_23_59_is_callable_in_an_all_day_campaign_and_the_queue_rule_agrees()
    {
        var campaign = new Campaign { Name = "C", TimeZone = "Europe/Paris", CallingHoursStart = CallingHours.Midnight, CallingHoursEnd = CallingHours.Midnight };
        var check = QueueRules.Check(new Lead { Company = "Acme" }, campaign, ParisTime(11, 10, 23, 59, 30));
        Assert.True(check.IsCallable);

        var evening = new Campaign { Name = "E", TimeZone = "Europe/Paris", CallingHoursStart = new(18, 0), CallingHoursEnd = CallingHours.Midnight };
        var early = QueueRules.Check(new Lead { Company = "Acme" }, evening, ParisTime(11, 11, 0, 0));
        Assert.Equal(new Callability(QueueBlocker.OutsideHours, ParisTime(11, 11, 18)), early);
    }

    [Fact]
    public void Other_windows_keep_their_meaning()
    {
        Assert.Equal(HoursShape.Within, CallingHours.ShapeOf(new(9, 0), new(18, 0)));
        Assert.False(CallingHours.Contains(new(9, 0), new(18, 0), new(18, 0)));
        Assert.Equal(HoursShape.PastMidnight, CallingHours.ShapeOf(new(22, 0), new(2, 0)));
        Assert.True(CallingHours.Contains(new(22, 0), new(2, 0), new(1, 59)));
        // Start = end other than 00:00 is a window of no time, as before.
        Assert.True(CallingHours.IsEmpty(new(9, 0), new(9, 0)));
        Assert.False(CallingHours.Contains(new(9, 0), new(9, 0), new(9, 0)));
        Assert.Null(new CallingHours(new(9, 0), new(9, 0), "Europe/Paris").NextOpen(DateTimeOffset.UtcNow));
    }
}
