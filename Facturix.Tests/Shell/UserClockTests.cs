using Facturix.App.Shell;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Shell;

public sealed class UserClockTests
{
    [Theory]
    [InlineData("2026-07-01T10:00:00Z", "2026-07-01T12:00:00+02:00")] // summer time
    [InlineData("2026-12-01T10:00:00Z", "2026-12-01T11:00:00+01:00")] // winter time
    public void Now_is_Paris_time_whatever_the_server_zone(string utc, string paris)
    {
        var clock = new UserClock(new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

        var now = clock.Now;

        Assert.Equal(DateTimeOffset.Parse(paris, System.Globalization.CultureInfo.InvariantCulture), now);
        Assert.Equal(DateTimeOffset.Parse(paris, System.Globalization.CultureInfo.InvariantCulture).Offset, now.Offset);
    }
}
