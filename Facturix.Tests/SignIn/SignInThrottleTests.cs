using System.Net;
using Facturix.Infrastructure.SignIn;
using Microsoft.Extensions.Options;

namespace Facturix.Tests.SignIn;

/// <summary>The throttle alone, with small limits and buckets that do not refill during the test.</summary>
public sealed class SignInThrottleTests
{
    private static readonly IPAddress Sprayer = IPAddress.Parse("203.0.113.7");

    private static SignInThrottle Throttle(int perIp, int perEmail) => new(Options.Create(new SignInThrottleOptions
    {
        PerClientIp = new() { TokenLimit = perIp, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1) },
        PerEmail = new() { TokenLimit = perEmail, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1) },
    }));

    [Fact]
    public void A_spray_over_many_accounts_from_one_address_is_refused_past_the_ip_limit()
    {
        using var throttle = Throttle(perIp: 10, perEmail: 4);

        var allowed = Enumerable.Range(1, 20).Select(i => throttle.TryAcquire(Sprayer, $"victim{i}@test.local")).ToList();

        Assert.Equal(Enumerable.Repeat(true, 10).Concat(Enumerable.Repeat(false, 10)), allowed);
        Assert.True(throttle.TryAcquire(IPAddress.Parse("198.51.100.1"), "victim1@test.local"), "another address keeps its own bucket");
    }

    [Fact]
    public void One_email_is_refused_past_its_limit_whatever_the_address_and_case()
    {
        using var throttle = Throttle(perIp: 100, perEmail: 4);

        var allowed = Enumerable.Range(1, 6)
            .Select(i => throttle.TryAcquire(IPAddress.Parse($"198.51.100.{i}"), i % 2 == 0 ? " Target@Test.local" : "target@test.local"))
            .ToList();

        Assert.Equal([true, true, true, true, false, false], allowed);
        Assert.True(throttle.TryAcquire(Sprayer, "someone-else@test.local"));
    }

    [Fact]
    public void Refusals_from_one_address_are_audited_up_to_a_bound()
    {
        using var throttle = Throttle(perIp: 1, perEmail: 1);
        var audited = Enumerable.Range(1, 30).Count(_ => throttle.ShouldAuditRefusal(Sprayer));
        Assert.Equal(new SignInThrottleOptions().AuditedRefusalsPerClientIp.TokenLimit, audited);
    }

    [Fact]
    public void The_default_email_limit_bites_before_identitys_five_failure_lockout()
    {
        var defaults = new SignInThrottleOptions();
        Assert.True(defaults.PerEmail.TokenLimit < 5, "a burst must not reach Identity's MaxFailedAccessAttempts (5)");
        Assert.True(defaults.PerClientIp.TokenLimit < 50);
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64")]
    [InlineData("::ffff:192.0.2.10", "192.0.2.10")]
    [InlineData("192.0.2.10", "192.0.2.10")]
    public void Ipv6_clients_share_a_bucket_per_64_prefix(string address, string key) =>
        Assert.Equal(key, SignInThrottle.ClientKey(IPAddress.Parse(address)));
}
