using System.Text.Json.Serialization;

namespace Facturix.Domain.Dashboard;

public enum PeriodKind
{
    Today = 0,
    Last7Days = 1,
    Last30Days = 2,
    ThisMonth = 3,
    Custom = 4,
}

/// <summary>An inclusive range of agency days (<see cref="AgencyDays"/>).</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To)
{
    // Derived, so not serialized: the dashboard cache stores overviews as JSON (and Previous would never end).
    [JsonIgnore]
    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>The same number of days just before this range: what a KPI's change is measured against.</summary>
    [JsonIgnore]
    public DayRange Previous => new(From.AddDays(-Days), From.AddDays(-1));
}

/// <summary>
/// The dashboard's period picker (backlog 2.1.1). <see cref="From"/> and <see cref="To"/> are only read for
/// <see cref="PeriodKind.Custom"/>; the validator (<c>DashboardQueryValidator</c>) checks them.
/// </summary>
public sealed record DashboardPeriod(PeriodKind Kind, DateOnly? From = null, DateOnly? To = null)
{
    public static DashboardPeriod Default { get; } = new(PeriodKind.Last7Days);

    /// <summary>Longest custom range: a year of daily figures is what the rollups keep hot.</summary>
    public const int MaxCustomDays = 366;

    /// <summary>
    /// The earliest and latest days a custom period may name: long before the agency's first figure and long after
    /// anything one plans, and far from <see cref="DateOnly"/>'s ends, where <see cref="DayRange.Previous"/> overflows.
    /// </summary>
    public static readonly DateOnly FirstDay = new(2000, 1, 1);
    public static readonly DateOnly LastDay = new(2099, 12, 31);

    /// <summary>The days this period covers when today (in agency days) is <paramref name="today"/>.</summary>
    public DayRange Resolve(DateOnly today) => Kind switch
    {
        PeriodKind.Today => new DayRange(today, today),
        PeriodKind.Last7Days => new DayRange(today.AddDays(-6), today),
        PeriodKind.Last30Days => new DayRange(today.AddDays(-29), today),
        PeriodKind.ThisMonth => new DayRange(new DateOnly(today.Year, today.Month, 1), today),
        PeriodKind.Custom when From is { } from && To is { } to && from <= to => new DayRange(from, to),
        _ => throw new ArgumentException($"Period {this} has no valid range.", nameof(Kind)),
    };
}

/// <summary>
/// Days as the agency counts them, in one fixed zone (docs/decisions/0062): daily rollups are keyed by these days,
/// so every viewer's "today" is the same slice of the tables whatever the viewer's own time zone.
/// </summary>
public static class AgencyDays
{
    public const string TimeZoneId = "Europe/Paris";

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>The instant <paramref name="day"/> starts in the agency's zone.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
