namespace Facturix.Infrastructure.DemoData;

/// <summary>Instant arithmetic shared by the demo builders (imported with <c>using static</c>).</summary>
internal static class DemoTime
{
    /// <summary>Whole seconds: what PostgreSQL stores is then exactly what was generated.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    public static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    public static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    public static DateTimeOffset Clamp(DateTimeOffset t, DateTimeOffset min, DateTimeOffset max) => t > max ? max : t < min ? min : t;
}
