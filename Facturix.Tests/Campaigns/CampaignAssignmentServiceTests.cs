using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.App.Shell;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facturix.Tests.Campaigns;

public sealed class CampaignAssignmentServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ICampaignAssignmentService Assignments => Get<ICampaignAssignmentService>();

    [Fact]
    public async Task Assigning_gives_the_BD_the_campaign_live_and_removing_takes_it_away()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await Given.LeadsAsync(campaign, 3);
        var dashboard = Get<IDashboardService>();
        Assert.Equal(0, (await dashboard.GetKpisAsync(bd)).Leads);
        await using var events = await Fixture.RecordEventsAsync();

        await Assignments.AssignAsync(admin, campaign.Id, [bd.UserId]);

        await events.WaitForAsync<AccessChanged>(e => e.UserId == bd.UserId);
        await events.WaitForAsync<CampaignChanged>(e => e.CampaignId == campaign.Id && e.AccountId == campaign.AccountId);
        // What the BD's open circuit does on AccessChanged: re-resolve the actor.
        var assigned = await Given.ActorAsync(bd.UserId);
        Assert.True(assigned.Scope.CoversCampaign(campaign.Id));
        Assert.Equal(3, (await dashboard.GetKpisAsync(assigned)).Leads);
        Assert.Equal([bd.Email], (await Assignments.ListAsync(admin, campaign.Id)).Select(a => a.Email));

        await using var removal = await Fixture.RecordEventsAsync();
        await Assignments.RemoveAsync(admin, campaign.Id, bd.UserId);

        await removal.WaitForAsync<AccessChanged>(e => e.UserId == bd.UserId);
        await removal.WaitForAsync<CampaignChanged>(e => e.CampaignId == campaign.Id);
        var removed = await Given.ActorAsync(bd.UserId);
        Assert.False(removed.Scope.CoversCampaign(campaign.Id));
        Assert.Equal(0, (await dashboard.GetKpisAsync(removed)).Leads);
        Assert.Empty(await Assignments.ListAsync(admin, campaign.Id));
    }

    [Fact]
    public async Task A_signed_in_BD_s_open_circuit_gains_and_loses_the_campaign_and_its_figures_without_reloading()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await Given.LeadsAsync(campaign, 4);
        var bus = await Fixture.StartLiveEventsAsync();
        // The BD's circuit, as the app wires it: the real resolver, the real bus.
        using var circuit = new ActorAccessor(new CircuitAuthentication(bd.UserId), Get<IActorResolver>(), bus,
            new HttpContextAccessor(), NullLogger<ActorAccessor>.Instance);
        var dashboard = Get<IDashboardService>();
        Assert.False((await circuit.GetActorAsync()).Scope.CoversCampaign(campaign.Id));

        await Assignments.AssignAsync(admin, campaign.Id, [bd.UserId]);

        var assigned = await Eventually.HoldsAsync(circuit.GetActorAsync, a => a.Scope.CoversCampaign(campaign.Id),
            "the BD's circuit re-resolved with the campaign in scope");
        Assert.Equal(4, (await dashboard.GetKpisAsync(assigned)).Leads);
        Assert.Equal(1, (await dashboard.GetKpisAsync(assigned)).ActiveCampaigns);

        await Assignments.RemoveAsync(admin, campaign.Id, bd.UserId);

        var removed = await Eventually.HoldsAsync(circuit.GetActorAsync, a => !a.Scope.CoversCampaign(campaign.Id),
            "the BD's circuit re-resolved without the campaign");
        Assert.Equal(0, (await dashboard.GetKpisAsync(removed)).Leads);
    }

    [Fact]
    public async Task Assignments_and_removals_are_audited_with_the_person_s_email()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd1 = await Given.UserAsync(Roles.BusinessDeveloper);
        var bd2 = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());

        await Assignments.AssignAsync(admin, campaign.Id, [bd1.UserId, bd2.UserId]);
        await Assignments.AssignAsync(admin, campaign.Id, [bd1.UserId]); // already there: nothing new
        await Assignments.RemoveAsync(admin, campaign.Id, bd2.UserId);

        await using var db = NewDb();
        var rows = await db.AuditEvents.Where(e => e.EntityId == campaign.Id).OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.TargetLabel, e.ActorId }).ToListAsync();
        Assert.Equal(
            [("campaign.assigned", bd1.Email), ("campaign.assigned", bd2.Email), ("campaign.unassigned", bd2.Email)],
            rows.Select(r => (r.Action, r.TargetLabel!)).OrderBy(r => r.Action).ThenBy(r => r.Item2 == bd2.Email ? 1 : 0));
        Assert.All(rows, r => Assert.Equal(admin.UserId, r.ActorId));
    }

    [Fact]
    public async Task Removing_a_BD_releases_the_leads_they_hold_in_that_campaign_only()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        var other = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        var held = (await Given.LeadsAsync(campaign, 2))[0];
        var heldElsewhere = (await Given.LeadsAsync(other, 1))[0];
        var now = Fixture.Clock.GetUtcNow();
        await using (var db = NewDb())
            await db.Leads.Where(l => l.Id == held.Id || l.Id == heldElsewhere.Id).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.LockedById, bd.UserId).SetProperty(l => l.LockedAt, now)
                .SetProperty(l => l.LockExpiresAt, now.AddMinutes(15)));
        await using var events = await Fixture.RecordEventsAsync();

        await Assignments.RemoveAsync(admin, campaign.Id, bd.UserId);

        await events.WaitForAsync<LeadUnlocked>(e => e.LeadId == held.Id && e.CampaignId == campaign.Id);
        await using var check = NewDb();
        var released = await check.Leads.SingleAsync(l => l.Id == held.Id);
        Assert.Equal((null, null, null), (released.LockedById, released.LockedAt, released.LockExpiresAt));
        Assert.Equal(bd.UserId, (await check.Leads.SingleAsync(l => l.Id == heldElsewhere.Id)).LockedById);
        await events.AssertNoneAsync<LeadUnlocked>(e => e.LeadId == heldElsewhere.Id);
    }

    [Fact]
    public async Task Only_active_unassigned_BDs_are_candidates_and_the_search_matches_name_or_email()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var alice = await Given.UserAsync(Roles.BusinessDeveloper, "alice@facturix.local");
        var bob = await Given.UserAsync(Roles.BusinessDeveloper, "bob@facturix.local");
        var gone = await Given.UserAsync(Roles.BusinessDeveloper, "gone@facturix.local");
        await Given.UserAsync(Roles.Manager, "boss@facturix.local");
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bob);
        await using (var db = NewDb())
            await db.Users.Where(u => u.Id == gone.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DeactivatedAt, DateTimeOffset.UtcNow));

        var all = await Assignments.ListCandidatesAsync(admin, campaign.Id, null);
        Assert.Equal([alice.Email], all.Select(c => c.Email));
        Assert.Equal([alice.UserId], (await Assignments.ListCandidatesAsync(admin, campaign.Id, "ALICE@")).Select(c => c.UserId));
        Assert.Equal([alice.UserId], (await Assignments.ListCandidatesAsync(admin, campaign.Id, alice.DisplayName)).Select(c => c.UserId));
        Assert.Empty(await Assignments.ListCandidatesAsync(admin, campaign.Id, "%"));

        // The service refuses what the list never offered, as a whole.
        await Assert.ThrowsAsync<NotFoundException>(() => Assignments.AssignAsync(admin, campaign.Id, [alice.UserId, gone.UserId]));
        Assert.Equal([bob.Email], (await Assignments.ListAsync(admin, campaign.Id)).Select(a => a.Email));
    }

    [Fact]
    public async Task A_manager_assigns_within_their_accounts_only()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var mine = await Given.CampaignAsync(account);
        var elsewhere = await Given.CampaignAsync(await Given.AccountAsync());

        await Assignments.AssignAsync(manager, mine.Id, [bd.UserId]);

        await Assert.ThrowsAsync<NotFoundException>(() => Assignments.AssignAsync(manager, elsewhere.Id, [bd.UserId]));
        await Assert.ThrowsAsync<NotFoundException>(() => Assignments.ListCandidatesAsync(manager, elsewhere.Id, null));
        Assert.Single(await Assignments.ListAsync(manager, mine.Id));
    }

    [Fact]
    public async Task A_BD_may_see_their_team_but_not_change_it()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var other = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        bd = await Given.ActorAsync(bd.UserId);

        Assert.Single(await Assignments.ListAsync(bd, campaign.Id));
        var error = await Assert.ThrowsAsync<ForbiddenException>(() => Assignments.AssignAsync(bd, campaign.Id, [other.UserId]));
        Assert.Equal(Capability.CampaignsAssign, error.Missing);
        await Assert.ThrowsAsync<ForbiddenException>(() => Assignments.RemoveAsync(bd, campaign.Id, bd.UserId));
    }

    [Fact]
    public async Task A_BD_assigned_by_someone_else_at_the_same_moment_is_a_coded_conflict_and_nothing_is_half_written()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var raced = await Given.UserAsync(Roles.BusinessDeveloper);
        var other = await Given.UserAsync(Roles.BusinessDeveloper);

        var refused = await LostRace.RunAsync<ConflictException>(Fixture,
            db => { db.CampaignAssignments.Add(new CampaignAssignment { CampaignId = campaign.Id, UserId = raced.UserId, AssignedAt = DateTimeOffset.UtcNow }); return db.SaveChangesAsync(); },
            () => Assignments.AssignAsync(admin, campaign.Id, [raced.UserId, other.UserId]));

        Assert.Equal(ErrorCodes.AssignedMeanwhile, refused.Code);
        await using var check = NewDb();
        Assert.Equal([raced.UserId], await check.CampaignAssignments.Where(a => a.CampaignId == campaign.Id).Select(a => a.UserId).ToListAsync());
        Assert.False(await check.AuditEvents.AnyAsync(e => e.Action == "campaign.assigned"));
    }
}
