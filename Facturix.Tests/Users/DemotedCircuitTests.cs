using Microsoft.AspNetCore.Http;
using Facturix.App.Shell;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facturix.Tests.Users;

/// <summary>
/// An open circuit follows its user's access over real PostgreSQL live events (the demoted admin's case is in
/// <see cref="SignIn.AttackerTests"/>): a deactivated user's circuit can do nothing at all.
/// </summary>
public sealed class DemotedCircuitTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task A_deactivated_users_open_circuit_can_do_nothing_at_all()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        using var circuit = new ActorAccessor(new CircuitAuthentication(bd.UserId), Get<IActorResolver>(), bus, new HttpContextAccessor(), NullLogger<ActorAccessor>.Instance);
        Assert.True((await circuit.GetActorAsync()).IsActive);

        await Get<IUserDirectory>().SetActiveAsync(admin, bd.UserId, active: false);

        await Eventually.HoldsAsync(async () => (await circuit.GetActorAsync()).IsActive, active => !active, "inactive in the circuit");
        var refusal = await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await Get<IUserPreferencesService>().GetAsync(await circuit.GetActorAsync()));
        Assert.Equal(ErrorCodes.ForbiddenInactive, refusal.Code);
    }
}
