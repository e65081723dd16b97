using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>
/// Every domain service method run as each kind of person, against the default permission matrix: allowed means it
/// did the thing (or saw the in-scope lead), denied means ForbiddenException, NotFoundException or an empty result.
/// <see cref="ServiceContractTests"/> fails when a service method has no row here.
/// </summary>
public sealed partial class ServiceAuthorizationMatrixTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    public enum Who { Admin, ManagerInScope, ManagerOutOfScope, AssignedBd, UnassignedBd, Deactivated }

    public sealed record World(
        IReadOnlyDictionary<Who, Actor> Actors, Account Account, Campaign Campaign, Lead Lead, Actor Target, Func<Type, object> Service,
        Func<Guid, Task<Guid>> SessionOf)
    {
        public T Get<T>() => (T)Service(typeof(T));
    }

    private static readonly Who[] Everyone = Enum.GetValues<Who>();
    private static readonly Who[] ActiveStaff = Everyone.Except([Who.Deactivated]).ToArray();
    private static readonly Who[] AdminOnly = [Who.Admin];
    private static readonly Who[] ThoseWhoSeeTheLead = [Who.Admin, Who.ManagerInScope, Who.AssignedBd];
    private static readonly Who[] CampaignConfigurers = [Who.Admin, Who.ManagerInScope];

    /// <summary>"Interface.Method" (optionally " variant") → what it does and who may.</summary>
    public static readonly IReadOnlyDictionary<string, (Func<World, Actor, Task<bool>> Run, Who[] Allowed)> Operations =
        new Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])>(
            CampaignOperations()
                .Concat(AccountOperations()).Concat(LeadOperations()).Concat(PeopleOperations()).Concat(AuditOperations())
                .Concat(SavedViewOperations()).Concat(BulkOperations()).Concat(BoardOperations())
                .Concat(CleanupOperations()).Concat(DuplicateOperations())
                .Concat(WorkspaceOperations()).Concat(WorkspaceOutcomesOperations()).Concat(CallsOperations()).Concat(PresenceOperations())
                .Concat(ImportFilesOperations()).Concat(ImportOperations())
                .Concat(DashboardOperations()).Concat(GoalOperations()));

    public static TheoryData<string, Who> Cells()
    {
        var data = new TheoryData<string, Who>();
        foreach (var operation in Operations.Keys)
            foreach (var who in Everyone)
                data.Add(operation, who);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_service_method_allows_exactly_who_the_matrix_says(string operation, Who who)
    {
        var world = await BuildWorldAsync();
        var (run, allowed) = Operations[operation];

        bool did;
        try
        {
            did = await run(world, world.Actors[who]);
        }
        catch (Exception ex) when (ex is ForbiddenException or NotFoundException)
        {
            did = false;
        }

        Assert.True(allowed.Contains(who) == did,
            $"{operation} as {who}: expected {(allowed.Contains(who) ? "allowed" : "denied")}, was {(did ? "allowed" : "denied")}.");
    }

    [Fact]
    public async Task A_deactivated_user_is_refused_with_its_own_code()
    {
        var world = await BuildWorldAsync();

        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Get<IDashboardService>().GetKpisAsync(world.Actors[Who.Deactivated]));

        Assert.Equal(ErrorCodes.ForbiddenInactive, error.Code);
    }

    [Fact]
    public async Task A_capability_granted_in_the_stored_matrix_takes_effect_for_the_role()
    {
        var world = await BuildWorldAsync();
        var bd = world.Actors[Who.AssignedBd];
        Assert.False(bd.Can(Capability.LeadsExport));

        await Get<IPermissionMatrix>().SetAsync(world.Actors[Who.Admin], Roles.BusinessDeveloper, Capability.LeadsExport, true);

        Assert.True((await Given.ActorAsync(bd.UserId)).Can(Capability.LeadsExport));
    }

    [Fact]
    public async Task Admins_cannot_revoke_their_own_permission_to_edit_the_matrix()
    {
        var world = await BuildWorldAsync();

        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            Get<IPermissionMatrix>().SetAsync(world.Actors[Who.Admin], Roles.Admin, Capability.PermissionsManage, false));

        Assert.Equal(ErrorCodes.PermissionsLockout, error.Code);
    }

    private async Task<World> BuildWorldAsync()
    {
        var account = await Given.AccountAsync();
        var elsewhere = await Given.AccountAsync();
        var assignedBd = await Given.UserAsync(Roles.BusinessDeveloper);
        var deactivated = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(account, CampaignState.Active, assignedBd, deactivated);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await using (var db = NewDb())
            await db.Users.Where(u => u.Id == deactivated.UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DeactivatedAt, DateTimeOffset.UtcNow));

        var actors = new Dictionary<Who, Actor>
        {
            [Who.Admin] = await Given.UserAsync(Roles.Admin),
            [Who.ManagerInScope] = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account),
            [Who.ManagerOutOfScope] = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), elsewhere),
            [Who.AssignedBd] = await Given.ActorAsync(assignedBd.UserId),
            [Who.UnassignedBd] = await Given.UserAsync(Roles.BusinessDeveloper),
            [Who.Deactivated] = await Given.ActorAsync(deactivated.UserId),
        };
        var target = await Given.UserAsync(Roles.BusinessDeveloper);
        return new World(actors, account, campaign, lead, target, type => Fixture.Services.GetService(type)!, Given.SessionAsync);
    }
}
