using System.Security.Claims;
using Facturix.App.Shell;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facturix.Tests.Users;

/// <summary>
/// What an attacker with an open admin tab could try after being demoted: the circuit's actor (real resolver, real
/// PostgreSQL live events) loses the capability, so the admin services refuse the next call from that circuit.
/// </summary>
public sealed class DemotedCircuitTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task A_demoted_admins_open_circuit_can_no_longer_call_an_admin_service()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        var admin = await Given.UserAsync(Roles.Admin);
        var deputy = await Given.UserAsync(Roles.Admin);
        using var circuit = new ActorAccessor(new SignedIn(deputy.UserId), Get<IActorResolver>(), bus, NullLogger<ActorAccessor>.Instance);
        Assert.NotEmpty(await Get<IUserDirectory>().ListAsync(await circuit.GetActorAsync()));

        await Get<IUserDirectory>().SetRolesAsync(admin, deputy.UserId, [Roles.BusinessDeveloper]);

        var refusal = await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    await Get<IUserDirectory>().ListAsync(await circuit.GetActorAsync());
                    return null;
                }
                catch (ForbiddenException forbidden)
                {
                    return forbidden;
                }
            },
            forbidden => forbidden is not null, "refused to the demoted circuit");
        Assert.Equal(Capability.UsersManage, refusal!.Missing);
    }

    [Fact]
    public async Task A_deactivated_users_open_circuit_can_do_nothing_at_all()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        using var circuit = new ActorAccessor(new SignedIn(bd.UserId), Get<IActorResolver>(), bus, NullLogger<ActorAccessor>.Instance);
        Assert.True((await circuit.GetActorAsync()).IsActive);

        await Get<IUserDirectory>().SetActiveAsync(admin, bd.UserId, active: false);

        await Eventually.HoldsAsync(async () => (await circuit.GetActorAsync()).IsActive, active => !active, "inactive in the circuit");
        var refusal = await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await Get<IUserPreferencesService>().GetAsync(await circuit.GetActorAsync()));
        Assert.Equal(ErrorCodes.ForbiddenInactive, refusal.Code);
    }

    private sealed class SignedIn(Guid userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(
                new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test"))));
    }
}
