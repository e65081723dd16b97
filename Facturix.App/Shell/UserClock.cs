namespace Facturix.App.Shell;

/// <summary>
/// "Now" and stored UTC instants as the person reads them. Times are stored in UTC and shown in the
/// agency's zone (Europe/Paris) — the server's own zone is irrelevant. Every user row carries a
/// TimeZone already; reading it here comes with the user settings page.
/// </summary>
public sealed class UserClock(TimeProvider time)
{
    public const string DefaultZoneId = "Europe/Paris";
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(DefaultZoneId);

    public DateTimeOffset Now => ToLocal(time.GetUtcNow());

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>
    /// The instant of a wall-clock time the person typed (a date and a time in their zone). A time the clocks skip in
    /// spring is read with the offset before the change; one that occurs twice in autumn, as its first occurrence.
    /// </summary>
    public DateTimeOffset FromLocal(DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = Zone.IsAmbiguousTime(wall) ? Zone.GetAmbiguousTimeOffsets(wall).Max() : Zone.GetUtcOffset(wall.AddHours(Zone.IsInvalidTime(wall) ? -1 : 0));
        return new DateTimeOffset(wall, offset);
    }
}
