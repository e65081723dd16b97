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
                .Concat(DashboardOperations()).Concat(GoalOperations()).Concat(SearchAndTaskOperations()));

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

    /// <summary>
    /// The cast of one cell, saved in one round trip and each actor resolved once: built per cell (816 of them), it was
    /// most of the matrix's time when each row had its own round trip and each assignment re-resolved its actor.
    /// </summary>
    private async Task<World> BuildWorldAsync()
    {
        var account = Given.NewAccount();
        var elsewhere = Given.NewAccount();
        var campaign = Given.NewCampaign(account);
        var lead = Given.NewLeads(campaign, 1).Single();
        var users = new Dictionary<Who, Guid>();
        Guid target;
        await using (var db = NewDb())
        {
            foreach (var (who, role) in new[]
            {
                (Who.Admin, Roles.Admin), (Who.ManagerInScope, Roles.Manager), (Who.ManagerOutOfScope, Roles.Manager),
                (Who.AssignedBd, Roles.BusinessDeveloper), (Who.UnassignedBd, Roles.BusinessDeveloper), (Who.Deactivated, Roles.BusinessDeveloper),
            })
                users[who] = (await Given.AddUserAsync(db, role)).Id;
            target = (await Given.AddUserAsync(db, Roles.BusinessDeveloper)).Id;
            var now = DateTimeOffset.UtcNow;
            db.Users.Local.Single(u => u.Id == users[Who.Deactivated]).DeactivatedAt = now;
            db.Accounts.AddRange(account, elsewhere);
            db.Campaigns.Add(campaign);
            db.CampaignAssignments.AddRange(
                new CampaignAssignment { CampaignId = campaign.Id, UserId = users[Who.AssignedBd], AssignedAt = now },
                new CampaignAssignment { CampaignId = campaign.Id, UserId = users[Who.Deactivated], AssignedAt = now });
            db.Leads.Add(lead);
            db.AccountAssignments.AddRange(
                new AccountAssignment { AccountId = account.Id, UserId = users[Who.ManagerInScope], AssignedAt = now },
                new AccountAssignment { AccountId = elsewhere.Id, UserId = users[Who.ManagerOutOfScope], AssignedAt = now });
            await db.SaveChangesAsync();
        }

        var actors = new Dictionary<Who, Actor>();
        foreach (var (who, id) in users) actors[who] = await Given.ActorAsync(id);
        return new World(actors, account, campaign, lead, await Given.ActorAsync(target), type => Fixture.Services.GetService(type)!,
            Given.SessionAsync);
    }
}
