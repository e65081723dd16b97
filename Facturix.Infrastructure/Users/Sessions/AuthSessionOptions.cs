namespace Facturix.Infrastructure.Users.Sessions;

/// <summary>
/// How long a sign-in lasts (configuration section <c>Facturix:Sessions</c>). ASVS level 2: re-authenticate at least
/// every 12 hours of use and after 30 minutes of inactivity. An open, connected tab counts as use.
/// </summary>
public sealed class AuthSessionOptions
{
    public const string Section = "Facturix:Sessions";

    /// <summary>From sign-in, whatever the activity (<c>Facturix:Sessions:AbsoluteLifetime</c>, e.g. "12:00:00").</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Without any request or open circuit (<c>Facturix:Sessions:IdleTimeout</c>, e.g. "00:30:00").</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>At most one write of "last seen" per session per this interval: a page load is a read, not a write.</summary>
    public TimeSpan TouchInterval { get; set; } = TimeSpan.FromMinutes(1);
}
