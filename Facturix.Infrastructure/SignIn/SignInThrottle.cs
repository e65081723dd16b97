using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.SignIn;

/// <summary>
/// Rate limits on sign-in attempts per client IP and per email (ASVS 2.2.1), as token buckets from
/// System.Threading.RateLimiting. A service the sign-in flow asks, rather than the rate-limiting middleware:
/// the email partition needs the posted form, which a middleware partitioner can only read by blocking, and a
/// refusal must re-render the page with its message and the typed email, not answer a bare 429. It also
/// lets tests drive the limits directly with small numbers. One per app (singleton): the buckets are in memory,
/// per instance.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClientIp;
    private readonly PartitionedRateLimiter<string> _perEmail;
    private readonly PartitionedRateLimiter<string> _auditedRefusals;

    public SignInThrottle(IOptions<SignInThrottleOptions> options)
    {
        _perClientIp = Buckets(options.Value.PerClientIp);
        _perEmail = Buckets(options.Value.PerEmail);
        _auditedRefusals = Buckets(options.Value.AuditedRefusalsPerClientIp);
    }

    /// <summary>
    /// Takes one attempt from the client's bucket, then from the email's; false when either is empty
    /// (the attempt must then be refused without checking the password).
    /// </summary>
    public bool TryAcquire(IPAddress? clientIp, string email)
    {
        using var byIp = _perClientIp.AttemptAcquire(ClientKey(clientIp));
        if (!byIp.IsAcquired) return false;
        using var byEmail = _perEmail.AttemptAcquire(EmailKey(email));
        return byEmail.IsAcquired;
    }

    /// <summary>Whether a refused attempt from this client still gets its audit row (bounded, so a flood cannot fill the table).</summary>
    public bool ShouldAuditRefusal(IPAddress? clientIp)
    {
        using var lease = _auditedRefusals.AttemptAcquire(ClientKey(clientIp));
        return lease.IsAcquired;
    }

    /// <summary>IPv4 (also when mapped into IPv6) by address; IPv6 by its /64, which one client usually owns whole.</summary>
    public static string ClientKey(IPAddress? ip)
    {
        if (ip is null) return "unknown";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The way Identity normalizes emails, so "Bob@X.fr " and "bob@x.fr" share one bucket.</summary>
    public static string EmailKey(string email) => email.Trim().ToUpperInvariant();

    // Idle buckets that have refilled are dropped by the partitioned limiter itself: memory stays bounded.
    private static PartitionedRateLimiter<string> Buckets(SignInThrottleOptions.TokenBucket bucket) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = bucket.TokenLimit,
                TokensPerPeriod = bucket.TokensPerPeriod,
                ReplenishmentPeriod = bucket.ReplenishmentPeriod,
                QueueLimit = 0, // refuse at once; never hold a request open waiting for a token
                AutoReplenishment = true, // the partitioned limiter's own timer replenishes
            }));

    public void Dispose()
    {
        _perClientIp.Dispose();
        _perEmail.Dispose();
        _auditedRefusals.Dispose();
    }
}
