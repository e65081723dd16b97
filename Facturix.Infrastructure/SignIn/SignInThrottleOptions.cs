namespace Facturix.Infrastructure.SignIn;

/// <summary>
/// How many sign-in attempts <see cref="SignInThrottle"/> lets through, bound from
/// <c>Facturix:SignInThrottle</c> (e.g. <c>Facturix__SignInThrottle__PerEmail__TokenLimit=4</c>).
/// Every attempt counts, successful or not, known email or not (counting only failures would need a
/// check-then-count that parallel requests slip through).
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Facturix:SignInThrottle";

    /// <summary>
    /// Per client IP (IPv6 grouped by /64): a burst of 30, then 30 a minute. Enough for an office behind
    /// one NAT signing in at nine; a password spray over many accounts from one address is slowed to that pace.
    /// </summary>
    public TokenBucket PerClientIp { get; set; } = new() { TokenLimit = 30, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// Per email typed (normalized): 4 quick attempts, then one a minute. Identity locks an account after 5
    /// failures, so this bites first: locking someone out takes minutes of patience, not five quick requests.
    /// </summary>
    public TokenBucket PerEmail { get; set; } = new() { TokenLimit = 4, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Refused attempts written to the audit per client IP: 20 at once, then 20 a minute. A flood of refused
    /// requests must not become a flood of rows; past this, refusals are counted in the logs only.
    /// </summary>
    public TokenBucket AuditedRefusalsPerClientIp { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 20, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };

    public sealed class TokenBucket
    {
        /// <summary>The burst: attempts allowed at once from a full bucket.</summary>
        public int TokenLimit { get; set; }
        /// <summary>Attempts given back every <see cref="ReplenishmentPeriod"/>, up to <see cref="TokenLimit"/>.</summary>
        public int TokensPerPeriod { get; set; }
        public TimeSpan ReplenishmentPeriod { get; set; }

        public bool IsValid => TokenLimit > 0 && TokensPerPeriod > 0 && ReplenishmentPeriod > TimeSpan.Zero;
    }
}
