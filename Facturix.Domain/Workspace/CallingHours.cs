namespace Facturix.Domain.Workspace;

/// <summary>
/// A campaign's calling window (local wall-clock times) read in one IANA zone. The window is [start, end); a window
/// whose end is before its start spans midnight. Daylight-saving changes follow the zone: 9:00 is 9:00 local on both
/// sides of a change, and a local time skipped by a spring-forward change simply never happens that day.
/// </summary>
public sealed record CallingHours(TimeOnly Start, TimeOnly End, string ZoneId)
{
    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    /// <summary>The wall-clock time at <paramref name="instant"/> in the zone.</summary>
    public TimeOnly LocalTime(DateTimeOffset instant) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Whether <paramref name="instant"/> falls inside the window (same rule as Get Next's SQL).</summary>
    public bool IsOpen(DateTimeOffset instant) => Contains(Start, End, LocalTime(instant));

    /// <summary>The first instant at or after <paramref name="instant"/> inside the window; null for an empty window.</summary>
    public DateTimeOffset? NextOpen(DateTimeOffset instant)
    {
        if (Start == End) return null;
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

    /// <summary>[start, end), wrapping past midnight when end &lt; start. SQL mirrors it in WorkspaceQueue.</summary>
    public static bool Contains(TimeOnly start, TimeOnly end, TimeOnly time) =>
        start <= end ? time >= start && time < end : time >= start || time < end;
}
