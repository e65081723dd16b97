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

    private static readonly Who[] AccountManagers = [Who.Admin, Who.ManagerInScope];

    /// <summary>"Interface.Method" (optionally " variant") → what it does and who may.</summary>
    public static readonly IReadOnlyDictionary<string, (Func<World, Actor, Task<bool>> Run, Who[] Allowed)> Operations =
        new Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])>(
            CampaignOperations()
                .Concat(SavedViewOperations()).Concat(BulkOperations()).Concat(BoardOperations())
                .Concat(CleanupOperations()).Concat(DuplicateOperations())
                .Concat(WorkspaceOperations()).Concat(WorkspaceOutcomesOperations()).Concat(CallsOperations()).Concat(PresenceOperations())
                .Concat(ImportFilesOperations()).Concat(ImportOperations())
                .Concat(DashboardOperations()).Concat(GoalOperations()))
        {
            ["IAccountService.CreateAsync"] = (async (w, a) =>
                await w.Get<IAccountService>().CreateAsync(a, new AccountInput { Name = "Nouvelle SAS" }) != Guid.Empty,
                [Who.Admin, Who.ManagerInScope, Who.ManagerOutOfScope]),
            ["IAccountService.ListAsync"] = (async (w, a) =>
                (await w.Get<IAccountService>().ListAsync(a, new AccountListQuery(), new PageRequest())).Items.Any(r => r.Id == w.Account.Id),
                ThoseWhoSeeTheLead),
            ["IAccountService.GetFilterOptionsAsync"] = (async (w, a) =>
                (await w.Get<IAccountService>().GetFilterOptionsAsync(a)).Managers.Any(m => m.UserId == w.Actors[Who.ManagerInScope].UserId),
                ThoseWhoSeeTheLead),
            ["IAccountService.GetAsync"] = (async (w, a) =>
                (await w.Get<IAccountService>().GetAsync(a, w.Account.Id)).Id == w.Account.Id, ThoseWhoSeeTheLead),
            ["IAccountService.UpdateAsync"] = (async (w, a) =>
            {
                await w.Get<IAccountService>().UpdateAsync(a, w.Account.Id, new AccountInput { Name = "Renommée" }, w.Account.Version);
                return true;
            }, AccountManagers),
            ["IAccountService.ArchiveAsync"] = (async (w, a) =>
            {
                await w.Get<IAccountService>().ArchiveAsync(a, w.Account.Id);
                return true;
            }, AccountManagers),
            ["IAccountService.RestoreAsync"] = (async (w, a) =>
            {
                await w.Get<IAccountService>().ArchiveAsync(w.Actors[Who.Admin], w.Account.Id);
                await w.Get<IAccountService>().RestoreAsync(a, w.Account.Id);
                return true;
            }, AccountManagers),
            ["IAccountService.DeleteAsync"] = (async (w, a) =>
            {
                // An account without campaigns (the world's has one), in the in-scope manager's scope.
                var accounts = w.Get<IAccountService>();
                var id = await accounts.CreateAsync(w.Actors[Who.Admin], new AccountInput { Name = "Sans campagne" });
                await accounts.AssignManagerAsync(w.Actors[Who.Admin], id, w.Actors[Who.ManagerInScope].UserId);
                await accounts.DeleteAsync(a, id);
                return true;
            }, AccountManagers),
            ["IAccountService.ListManagerCandidatesAsync"] = (async (w, a) =>
                (await w.Get<IAccountService>().ListManagerCandidatesAsync(a)).Any(m => m.UserId == w.Actors[Who.ManagerInScope].UserId),
                [Who.Admin, Who.ManagerInScope, Who.ManagerOutOfScope]),
            ["IAccountService.AssignManagerAsync"] = (async (w, a) =>
            {
                await w.Get<IAccountService>().AssignManagerAsync(a, w.Account.Id, w.Actors[Who.ManagerOutOfScope].UserId);
                return true;
            }, AccountManagers),
            ["IAccountService.UnassignManagerAsync"] = (async (w, a) =>
            {
                await w.Get<IAccountService>().UnassignManagerAsync(a, w.Account.Id, w.Actors[Who.ManagerInScope].UserId);
                return true;
            }, AccountManagers),
            ["ILeadService.ChangeStatusAsync"] = (async (w, a) =>
            {
                await w.Get<ILeadService>().ChangeStatusAsync(a, w.Lead.Id, LeadStatus.Contacted);
                return true;
            }, ThoseWhoSeeTheLead),
            ["ILeadService.GetAsync"] = (async (w, a) =>
                (await w.Get<ILeadService>().GetAsync(a, w.Lead.Id)).Id == w.Lead.Id, ThoseWhoSeeTheLead),
            ["ILeadService.GetTimelineAsync"] = (async (w, a) =>
            {
                await w.Get<ILeadService>().GetTimelineAsync(a, w.Lead.Id, new TimelineQuery());
                return true;
            }, ThoseWhoSeeTheLead),
            ["ILeadService.UpdateAsync"] = (async (w, a) =>
            {
                await using var db = await w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContextAsync();
                var version = await db.Leads.Where(l => l.Id == w.Lead.Id).Select(l => l.Version).SingleAsync();
                await w.Get<ILeadService>().UpdateAsync(a, w.Lead.Id, new LeadEditInput { Company = "Renommée", Country = "FR" }, version);
                return true;
            }, ThoseWhoSeeTheLead),
            ["ILeadService.AddNoteAsync"] = (async (w, a) =>
                await w.Get<ILeadService>().AddNoteAsync(a, w.Lead.Id, "Note") != Guid.Empty, ThoseWhoSeeTheLead),
            ["IDashboardService.GetKpisAsync"] = (async (w, a) =>
                (await w.Get<IDashboardService>().GetKpisAsync(a)).Leads == 1, ThoseWhoSeeTheLead),
            ["IUserDirectory.ListAsync"] = (async (w, a) =>
                (await w.Get<IUserDirectory>().ListAsync(a)).Any(u => u.Id == w.Target.UserId), AdminOnly),
            ["IUserDirectory.SetRolesAsync"] = (async (w, a) =>
            {
                await w.Get<IUserDirectory>().SetRolesAsync(a, w.Target.UserId, [Roles.Manager]);
                return true;
            }, AdminOnly),
            ["IUserDirectory.SetActiveAsync"] = (async (w, a) =>
            {
                await w.Get<IUserDirectory>().SetActiveAsync(a, w.Target.UserId, false);
                return true;
            }, AdminOnly),
            ["IPermissionMatrix.GetAsync"] = (async (w, a) =>
                (await w.Get<IPermissionMatrix>().GetAsync(a)).ContainsKey(Roles.BusinessDeveloper), AdminOnly),
            ["IPermissionMatrix.SetAsync"] = (async (w, a) =>
            {
                await w.Get<IPermissionMatrix>().SetAsync(a, Roles.BusinessDeveloper, Capability.LeadsExport, true);
                return true;
            }, AdminOnly),
            ["ISessionService.ListAsync"] = (async (w, a) =>
            {
                var session = await w.SessionOf(w.Target.UserId);
                return (await w.Get<ISessionService>().ListAsync(a, w.Target.UserId)).Any(s => s.Id == session);
            }, AdminOnly),
            ["ISessionService.ListAsync own"] = (async (w, a) =>
            {
                var session = await w.SessionOf(a.UserId);
                return (await w.Get<ISessionService>().ListAsync(a, a.UserId)).Any(s => s.Id == session);
            }, ActiveStaff),
            ["ISessionService.EndAsync"] = (async (w, a) =>
            {
                await w.Get<ISessionService>().EndAsync(a, await w.SessionOf(w.Target.UserId));
                return true;
            }, AdminOnly),
            ["ISessionService.EndAsync own"] = (async (w, a) =>
            {
                await w.Get<ISessionService>().EndAsync(a, await w.SessionOf(a.UserId));
                return true;
            }, ActiveStaff),
            ["ISessionService.EndAllAsync"] = (async (w, a) =>
            {
                await w.SessionOf(w.Target.UserId);
                return await w.Get<ISessionService>().EndAllAsync(a, w.Target.UserId) == 1;
            }, AdminOnly),
            ["ISessionService.EndAllAsync own"] = (async (w, a) =>
            {
                await w.SessionOf(a.UserId);
                return await w.Get<ISessionService>().EndAllAsync(a, a.UserId) == 1;
            }, ActiveStaff),
            ["IUserPreferencesService.GetAsync"] = (async (w, a) =>
                (await w.Get<IUserPreferencesService>().GetAsync(a)).Culture == "fr", ActiveStaff),
            ["IUserPreferencesService.SetCultureAsync"] = (async (w, a) =>
            {
                await w.Get<IUserPreferencesService>().SetCultureAsync(a, "en");
                return true;
            }, ActiveStaff),
            ["IUserPreferencesService.SetDarkModeAsync"] = (async (w, a) =>
            {
                await w.Get<IUserPreferencesService>().SetDarkModeAsync(a, true);
                return true;
            }, ActiveStaff),
            // Audit log (decision 0026): a manager reads the events of the people in their scope, so "allowed" means the
            // assigned BD's event was seen; the out-of-scope manager gets an empty result.
            ["IAuditLog.SearchAsync"] = (async (w, a) =>
            {
                await AuditedByAssignedBdAsync(w);
                var found = await w.Get<Facturix.Domain.Audit.IAuditLog>().SearchAsync(a, new(), new PageRequest());
                return found.Items.Any(e => e.ActorEmail == w.Actors[Who.AssignedBd].Email);
            }, [Who.Admin, Who.ManagerInScope]),
            ["IAuditLog.ListActionsAsync"] = (async (w, a) =>
            {
                await AuditedByAssignedBdAsync(w);
                return (await w.Get<Facturix.Domain.Audit.IAuditLog>().ListActionsAsync(a)).Contains("matrix.probed");
            }, [Who.Admin, Who.ManagerInScope]),
            ["IAuditLog.ExportCsvAsync"] = (async (w, a) =>
            {
                await AuditedByAssignedBdAsync(w);
                using var output = new MemoryStream();
                return await w.Get<Facturix.Domain.Audit.IAuditLog>().ExportCsvAsync(a, new(Action: "matrix.probed"), output) == 1;
            }, [Who.Admin, Who.ManagerInScope]),
            ["IPermissionMatrix.ResetToDefaultsAsync"] = (async (w, a) =>
            {
                await w.Get<IPermissionMatrix>().ResetToDefaultsAsync(a);
                return true;
            }, AdminOnly),
            ["IUserDirectory.CreateAsync"] = (async (w, a) =>
                (await w.Get<IUserDirectory>().CreateAsync(a, new NewUserInput { Email = $"new-{Guid.NewGuid():N}@test.local", DisplayName = "Nouvelle" }))
                    .FirstPassword.Length > 0, AdminOnly),
            ["IUserDirectory.ResetPasswordAsync"] = (async (w, a) =>
                (await w.Get<IUserDirectory>().ResetPasswordAsync(a, w.Target.UserId)).Length > 0, AdminOnly),
            // Leads list (issue 13): the world's lead is listed, and its campaign offered as a filter, only to those who see it.
            ["ILeadQueries.ListAsync"] = (async (w, a) =>
                (await w.Get<ILeadQueries>().ListAsync(a, new LeadListQuery(), new PageRequest())).Items.Any(r => r.Id == w.Lead.Id),
                ThoseWhoSeeTheLead),
            ["ILeadQueries.GetFilterOptionsAsync"] = (async (w, a) =>
                (await w.Get<ILeadQueries>().GetFilterOptionsAsync(a, w.Campaign.Id)).Campaigns.Any(c => c.Id == w.Campaign.Id),
                ThoseWhoSeeTheLead),
        };

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

    /// <summary>An audit event whose actor is the assigned BD (in the in-scope manager's scope, not the other's).</summary>
    private static async Task AuditedByAssignedBdAsync(World w)
    {
        await using var db = w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContext();
        db.AuditEvents.Add(new Facturix.Domain.Audit.AuditEvent
        {
            OccurredAt = DateTimeOffset.UtcNow, ActorId = w.Actors[Who.AssignedBd].UserId, Action = "matrix.probed", EntityType = "lead",
            EntityId = w.Lead.Id,
        });
        await db.SaveChangesAsync();
    }
}
