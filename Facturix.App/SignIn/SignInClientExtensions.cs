using Facturix.Infrastructure.SignIn;

namespace Facturix.App.SignIn;

public static class SignInClientExtensions
{
    /// <summary>
    /// The client as this request sees it. The address is the connection's: behind a proxy, the forwarded-headers
    /// middleware (configured with the proxies it trusts) has already put the real client there.
    /// </summary>
    public static SignInClient SignInClient(this HttpContext httpContext)
    {
        var ip = httpContext.Connection.RemoteIpAddress;
        // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d: audit them as the address people know.
        if (ip is { IsIPv4MappedToIPv6: true }) ip = ip.MapToIPv4();
        var userAgent = httpContext.Request.Headers.UserAgent.ToString();
        return new(ip, userAgent.Length > 0 ? userAgent : null);
    }
}
