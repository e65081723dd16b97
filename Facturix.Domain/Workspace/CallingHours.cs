namespace Facturix.Domain.Workspace;

/// <summary>How a calling window reads, decided once from its two times; Get Next's SQL picks its predicate by it.</summary>
public enum HoursShape
{
    /// <summary>[start, end) within one day (09:00–18:00). Also start = end ≠ 00:00, which is empty.</summary>
    Within,
    /// <summary>[start, 24:00): an end of 00:00 is midnight at the end of the day (09:00–00:00).</summary>
    UntilMidnight,
    /// <summary>00:00–00:00: the whole day.</summary>
    AllDay,
    /// <summary>[start, 24:00) then [00:00, end): end before start (22:00–02:00). The engine reads it (decision 0046); the form refuses it (decision 0077).</summary>
    PastMidnight,
}

/// <summary>
/// A campaign's calling window (local wall-clock times) read in one IANA zone. The window is [start, end); an end of
/// 00:00 is the end of the day (24:00), so 09:00–00:00 calls until midnight and 00:00–00:00 all day (decision 0077); any
/// other end before its start spans midnight. Daylight-saving changes follow the zone: 9:00 is 9:00 local on both sides
/// of a change, and a local time skipped by a spring-forward change simply never happens that day.
/// </summary>
public sealed record CallingHours(TimeOnly Start, TimeOnly End, string ZoneId)
{
    /// <summary>00:00: as a start, the beginning of the day; as an end, its end (24:00).</summary>
    public static readonly TimeOnly Midnight = TimeOnly.MinValue;

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    /// <summary>The wall-clock time at <paramref name="instant"/> in the zone.</summary>
    public TimeOnly LocalTime(DateTimeOffset instant) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Whether <paramref name="instant"/> falls inside the window (same rule as Get Next's SQL).</summary>
    public bool IsOpen(DateTimeOffset instant) => Contains(Start, End, LocalTime(instant));

    /// <summary>The first instant at or after <paramref name="instant"/> inside the window; null for an empty window.</summary>
    public DateTimeOffset? NextOpen(DateTimeOffset instant)
    {
        if (IsEmpty(Start, End)) return null;
        if (IsOpen(instant)) return instant;
        var zone = Zone;
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        // The window opens at Start on the same local day or the next (two days cover a skipped opening hour).
        for (var day = 0; day <= 2; day++)
        {
            var candidate = DateOnly.FromDateTime(local).AddDays(day).ToDateTime(Start);
            if (candidate <= local) continue;
            if (zone.IsInvalidTime(candidate))
            {
                // Start falls in the hour a spring-forward change skips: the window opens when the clocks jump.
                candidate = candidate.AddHours(1).AddMinutes(-candidate.Minute);
                while (zone.IsInvalidTime(candidate)) candidate = candidate.AddMinutes(1);
            }
            var offset = zone.IsAmbiguousTime(candidate) ? zone.GetAmbiguousTimeOffsets(candidate).Max() : zone.GetUtcOffset(candidate);
            return new DateTimeOffset(candidate, offset).ToUniversalTime();
        }
        return null;
    }

    /// <summary>The window's shape: an end of 00:00 is 24:00 (until midnight, or all day from 00:00), else a day window or one past midnight.</summary>
    public static HoursShape ShapeOf(TimeOnly start, TimeOnly end) =>
        end == Midnight ? (start == Midnight ? HoursShape.AllDay : HoursShape.UntilMidnight)
        : start <= end ? HoursShape.Within
        : HoursShape.PastMidnight;

    /// <summary>Start = end other than 00:00–00:00: a window of no time (the form refuses it; old rows may have one).</summary>
    public static bool IsEmpty(TimeOnly start, TimeOnly end) => start == end && end != Midnight;

    /// <summary>[start, end) with an end of 00:00 read as 24:00, wrapping past midnight when end &lt; start. SQL mirrors it in WorkspaceQueueSql.</summary>
    public static bool Contains(TimeOnly start, TimeOnly end, TimeOnly time) => ShapeOf(start, end) switch
    {
        HoursShape.AllDay => true,
        HoursShape.UntilMidnight => time >= start,
        HoursShape.Within => time >= start && time < end,
        _ => time >= start || time < end,
    };
}
