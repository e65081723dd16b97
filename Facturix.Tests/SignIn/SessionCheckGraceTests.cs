using System.Security.Claims;
using Facturix.App.Shell;
using Facturix.Infrastructure.Users.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Facturix.Tests.SignIn;

/// <summary>A database blip must not sign anyone out; a lasting failure must.</summary>
public sealed class SessionCheckGraceTests : IDisposable
{
    private readonly List<IDisposable> _providers = [];

    private static readonly Guid SessionId = Guid.NewGuid();

    [Fact]
    public async Task A_check_that_fails_once_keeps_the_circuit_signed_in()
    {
        var (provider, sessions) = SignedInCircuit();
        sessions.Failures = 1;

        await provider.RecheckNowAsync();

        Assert.True(await IsSignedInAsync(provider));
        Assert.Equal(1, sessions.Calls);
    }

    [Fact]
    public async Task A_second_failure_in_a_row_signs_the_circuit_out()
    {
        var (provider, sessions) = SignedInCircuit();
        sessions.Failures = 2;

        await provider.RecheckNowAsync();
        Assert.True(await IsSignedInAsync(provider));
        await provider.RecheckNowAsync();

        Assert.False(await IsSignedInAsync(provider));
    }

    [Fact]
    public async Task A_success_in_between_resets_the_grace()
    {
        var grace = new SessionCheckGrace(NullLogger.Instance);
        var results = new Queue<Func<Task<bool>>>([Throws, () => Task.FromResult(true), Throws]);

        Assert.True(await grace.CheckAsync(results.Dequeue()));
        Assert.True(await grace.CheckAsync(results.Dequeue()));
        Assert.True(await grace.CheckAsync(results.Dequeue()));

        static Task<bool> Throws() => throw new TimeoutException("database blip");
    }

    [Fact]
    public async Task A_session_that_is_gone_signs_the_circuit_out_at_once()
    {
        var (provider, sessions) = SignedInCircuit();
        sessions.Alive = false;

        await provider.RecheckNowAsync();

        Assert.False(await IsSignedInAsync(provider));
    }

    private static async Task<bool> IsSignedInAsync(AuthenticationStateProvider provider) =>
        (await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true;

    /// <summary>The app's provider over a fake session store; the security stamp check is not reached when the session fails.</summary>
    private (IdentityRevalidatingAuthenticationStateProvider, FlakySessions) SignedInCircuit()
    {
        var sessions = new FlakySessions();
        var provider = new IdentityRevalidatingAuthenticationStateProvider(
            NullLoggerFactory.Instance, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            sessions, Options.Create(new IdentityOptions()));
        _providers.Add(provider); // it runs a revalidation loop until disposed
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(SessionClaims.SessionId, SessionId.ToString())],
            "Identity.Application"));
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return (provider, sessions);
    }

    public void Dispose() => _providers.ForEach(p => p.Dispose());

    private sealed class FlakySessions : ISessionCheck
    {
        public int Failures { get; set; }
        public bool Alive { get; set; } = true;
        public int Calls { get; private set; }

        public Task<bool> IsAliveAsync(Guid sessionId, CancellationToken ct = default)
        {
            Calls++;
            if (Failures-- > 0) throw new TimeoutException("database blip");
            return Task.FromResult(Alive && sessionId == SessionId);
        }
    }
}
