using System.Text.Json;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads.Bulk;

/// <summary>Bulk actions in one transaction against PostgreSQL: each action, scope, capabilities, audit, "all matching".</summary>
public sealed class LeadBulkServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ILeadBulkService Bulk => Get<ILeadBulkService>();

    private async Task<(Actor Manager, Campaign Campaign, IReadOnlyList<Lead> Leads)> ManagedCampaignAsync(int leads = 3, params Actor[] assignees)
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account, assignees: assignees);
        return (manager, campaign, await Given.LeadsAsync(campaign, leads));
    }

    private async Task<List<Lead>> ReloadAsync(IEnumerable<Lead> leads)
    {
        var ids = leads.Select(l => l.Id).ToList();
        await using var db = NewDb();
        return await db.Leads.AsNoTracking().Where(l => ids.Contains(l.Id)).OrderBy(l => l.Id).ToListAsync();
    }

    private async Task<List<Domain.Audit.AuditEvent>> AuditAsync(string action)
    {
        await using var db = NewDb();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Action == action).ToListAsync();
    }

    [Fact]
    public async Task Assigning_an_owner_changes_every_ticked_lead_in_one_audited_transaction_and_announces_the_campaign()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var (manager, campaign, leads) = await ManagedCampaignAsync(3, bd);
        await using var events = await Fixture.RecordEventsAsync();

        var result = await Bulk.RunAsync(manager, LeadSelection.Of(leads.Take(2).Select(l => l.Id)), new LeadBulkAction.AssignOwner(bd.UserId));

        Assert.Equal(new LeadBulkResult(2, null), result);
        var after = await ReloadAsync(leads);
        Assert.Equal(2, after.Count(l => l.OwnerId == bd.UserId));
        Assert.Null(after.Single(l => l.Id == leads[2].Id).OwnerId);
        var audit = Assert.Single(await AuditAsync("leads.bulk-assigned"));
        Assert.Equal(manager.UserId, audit.ActorId);
        using var details = JsonDocument.Parse(audit.Details!);
        Assert.Equal(2, details.RootElement.GetProperty("after").GetProperty("count").GetInt32());
        Assert.Equal(2, details.RootElement.GetProperty("after").GetProperty("selection").GetProperty("ids").GetArrayLength());
        await events.WaitForAsync<LeadsChanged>(e => e.CampaignIds.Contains(campaign.Id));

        // And back to nobody.
        await Bulk.RunAsync(manager, LeadSelection.Of(leads.Select(l => l.Id)), new LeadBulkAction.AssignOwner(null));
        Assert.All(await ReloadAsync(leads), l => Assert.Null(l.OwnerId));
    }

    [Fact]
    public async Task An_owner_who_may_not_work_the_campaign_is_refused_and_nothing_changes()
    {
        // A BD of the manager's team, but on another campaign of the account: visible to the manager, not eligible here.
        var outsider = await Given.UserAsync(Roles.BusinessDeveloper);
        var (manager, campaign, leads) = await ManagedCampaignAsync(2);
        await Given.CampaignAsync(await AccountOfAsync(campaign.AccountId), assignees: outsider);

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            Bulk.RunAsync(manager, LeadSelection.Of(leads.Select(l => l.Id)), new LeadBulkAction.AssignOwner(outsider.UserId)));

        Assert.Equal(ErrorCodes.LeadBulkOwnerNotEligible, Assert.Single(refused.Errors).ErrorCode);
        Assert.All(await ReloadAsync(leads), l => Assert.Null(l.OwnerId));
        Assert.Empty(await AuditAsync("leads.bulk-assigned"));
    }

    [Fact]
    public async Task A_ticked_lead_outside_the_actor_scope_refuses_the_whole_action()
    {
        var (manager, _, mine) = await ManagedCampaignAsync(2);
        var elsewhere = await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1);

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => Bulk.RunAsync(manager,
            LeadSelection.Of([mine[0].Id, elsewhere[0].Id]), new LeadBulkAction.SetCallback(DateTimeOffset.UtcNow.AddDays(1))));

        Assert.Equal(elsewhere[0].Id, refused.Id);
        Assert.All(await ReloadAsync(mine.Concat(elsewhere)), l => Assert.Null(l.NextCallAt));
    }

    [Fact]
    public async Task Without_the_capability_a_BD_may_neither_run_bulk_actions_nor_delete()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var (_, _, leads) = await ManagedCampaignAsync(1, bd);
        var selection = LeadSelection.Of([leads[0].Id]);

        await Assert.ThrowsAsync<ForbiddenException>(() => Bulk.RunAsync(bd, selection, new LeadBulkAction.AddNote("Relancer")));
        await Assert.ThrowsAsync<ForbiddenException>(() => Bulk.RunAsync(bd, selection, new LeadBulkAction.Delete()));
        Assert.Single(await ReloadAsync(leads));
    }

    [Fact]
    public async Task Delete_needs_its_own_capability_even_for_whoever_may_run_the_other_actions()
    {
        var (manager, _, leads) = await ManagedCampaignAsync(1);
        await Get<IPermissionMatrix>().SetAsync(await Given.UserAsync(Roles.Admin), Roles.Manager, Capability.LeadsDelete, false);
        var withoutDelete = await Given.ActorAsync(manager.UserId);
        Assert.True(withoutDelete.Can(Capability.LeadsBulk));

        await Assert.ThrowsAsync<ForbiddenException>(() => Bulk.RunAsync(withoutDelete, LeadSelection.Of([leads[0].Id]), new LeadBulkAction.Delete()));
        Assert.Single(await ReloadAsync(leads));
    }

    [Fact]
    public async Task Changing_the_stage_moves_the_leads_and_logs_one_status_activity_each()
    {
        var (manager, campaign, leads) = await ManagedCampaignAsync(3);
        await using var events = await Fixture.RecordEventsAsync();

        var result = await Bulk.RunAsync(manager, LeadSelection.Of(leads.Select(l => l.Id)), new LeadBulkAction.ChangeStatus(LeadStatus.Contacted));

        Assert.Equal(3, result.Affected);
        Assert.All(await ReloadAsync(leads), l => Assert.Equal(LeadStatus.Contacted, l.Status));
        await using var db = NewDb();
        var activities = await db.Activities.AsNoTracking().Where(a => a.CampaignId == campaign.Id).ToListAsync();
        Assert.Equal(leads.Select(l => l.Id).Order(), activities.Select(a => a.LeadId!.Value).Order());
        Assert.All(activities, a =>
        {
            Assert.Equal(ActivityKind.Status, a.Kind);
            Assert.Equal(LeadStatus.New, a.StatusFrom);
            Assert.Equal(LeadStatus.Contacted, a.StatusTo);
            Assert.Equal(manager.UserId, a.UserId);
            Assert.Null(a.Subject); // a stage alone names no campaign status
        });
        Assert.Single(await AuditAsync("leads.bulk-status-changed"));
        await events.WaitForAsync<LeadsChanged>(e => e.CampaignIds.Contains(campaign.Id));

        // Leads already there are left alone: no second activity.
        Assert.Equal(0, (await Bulk.RunAsync(manager, LeadSelection.Of(leads.Select(l => l.Id)), new LeadBulkAction.ChangeStatus(LeadStatus.Contacted))).Affected);
        Assert.Equal(3, await db.Activities.CountAsync(a => a.CampaignId == campaign.Id));
    }

    [Fact]
    public async Task A_campaign_status_applies_to_its_own_campaign_leads_only()
    {
        var (manager, campaign, leads) = await ManagedCampaignAsync(2);
        var other = await Given.CampaignAsync(await Given.AccountAsync());
        manager = await Given.AssignAccountAsync(manager, (await AccountOfAsync(other.AccountId)));
        var otherLead = (await Given.LeadsAsync(other, 1))[0];
        var meeting = new CampaignStatus { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, Key = "rdv", Label = "RDV pris", Stage = LeadStatus.MeetingBooked };
        await using (var db = NewDb())
        {
            db.CampaignStatuses.Add(meeting);
            await db.SaveChangesAsync();
        }
        var action = new LeadBulkAction.ChangeStatus(LeadStatus.MeetingBooked, meeting.Id);

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            Bulk.RunAsync(manager, LeadSelection.Of([leads[0].Id, otherLead.Id]), action));
        Assert.Equal(ErrorCodes.LeadBulkStatusInvalid, Assert.Single(refused.Errors).ErrorCode);

        await Bulk.RunAsync(manager, LeadSelection.Of(leads.Select(l => l.Id)), action);
        Assert.All(await ReloadAsync(leads), l =>
        {
            Assert.Equal(LeadStatus.MeetingBooked, l.Status);
            Assert.Equal(meeting.Id, l.CampaignStatusId);
        });
        Assert.Equal(LeadStatus.New, (await ReloadAsync([otherLead]))[0].Status);
        // The timeline says where they went in the campaign's words (ADR 0103).
        await using (var db = NewDb())
            Assert.Equal(["RDV pris", "RDV pris"], await db.Activities.Where(a => a.CampaignId == campaign.Id && a.Kind == ActivityKind.Status)
                .Select(a => a.Subject).ToListAsync());
    }

    private async Task<Domain.Accounts.Account> AccountOfAsync(Guid accountId)
    {
        await using var db = NewDb();
        return await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId);
    }

    [Fact]
    public async Task A_callback_and_a_note_land_on_every_lead()
    {
        var (manager, campaign, leads) = await ManagedCampaignAsync(2);
        var at = new DateTimeOffset(2026, 12, 3, 14, 30, 0, TimeSpan.Zero);
        var selection = LeadSelection.Of(leads.Select(l => l.Id));

        await Bulk.RunAsync(manager, selection, new LeadBulkAction.SetCallback(at));
        await Bulk.RunAsync(manager, selection, new LeadBulkAction.AddNote("  Salon Batimat : relancer  "));

        Assert.All(await ReloadAsync(leads), l =>
        {
            Assert.Equal(at, l.NextCallAt);
            Assert.NotNull(l.LastActivityAt);
        });
        await using var db = NewDb();
        var notes = await db.Activities.AsNoTracking().Where(a => a.CampaignId == campaign.Id && a.Kind == ActivityKind.Note).ToListAsync();
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n => Assert.Equal("Salon Batimat : relancer", n.Body));
        Assert.Single(await AuditAsync("leads.bulk-callback-set"));
        Assert.Single(await AuditAsync("leads.bulk-noted"));
        var empty = await Assert.ThrowsAsync<ValidationException>(() => Bulk.RunAsync(manager, selection, new LeadBulkAction.AddNote("  ")));
        Assert.Equal("lead.note.required", Assert.Single(empty.Errors).ErrorCode);
    }

    [Fact]
    public async Task Delete_removes_the_leads_with_their_activities_and_frees_a_held_lock()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var (manager, campaign, leads) = await ManagedCampaignAsync(2, bd);
        await Get<ILeadService>().AddNoteAsync(manager, leads[0].Id, "Avant suppression");
        await using (var db = NewDb())
        {
            var now = Fixture.Clock.GetUtcNow();
            await db.Leads.Where(l => l.Id == leads[0].Id).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.LockedById, bd.UserId).SetProperty(l => l.LockedAt, now).SetProperty(l => l.LockExpiresAt, now.AddMinutes(10)));
        }
        await using var events = await Fixture.RecordEventsAsync();

        var result = await Bulk.RunAsync(manager, LeadSelection.Of(leads.Select(l => l.Id)), new LeadBulkAction.Delete());

        Assert.Equal(2, result.Affected);
        Assert.Empty(await ReloadAsync(leads));
        await using (var db = NewDb())
            Assert.Equal(0, await db.Activities.CountAsync(a => a.CampaignId == campaign.Id));
        await events.WaitForAsync<LeadUnlocked>(e => e.LeadId == leads[0].Id);
        Assert.Single(await AuditAsync("leads.bulk-deleted"));
    }

    [Fact]
    public async Task All_matching_is_re_evaluated_on_the_server_within_the_actor_scope()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var (manager, campaign, leads) = await ManagedCampaignAsync(3, bd);
        // Same filter, other client's campaign: outside the manager's scope, never touched.
        var elsewhere = await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 2);
        var query = new LeadListQuery(Category: StatusCategory.New);
        // A lead arriving after the person looked at the list is part of "all matching" at the time of the action.
        var late = await Given.LeadsAsync(campaign, 1);
        // One lead no longer matches.
        await using (var db = NewDb())
            await db.Leads.Where(l => l.Id == leads[0].Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LeadStatus.Contacted));

        var result = await Bulk.RunAsync(manager, LeadSelection.AllMatching(query), new LeadBulkAction.AssignOwner(bd.UserId));

        Assert.Equal(3, result.Affected);
        var owned = (await ReloadAsync(leads.Concat(late).Concat(elsewhere))).Where(l => l.OwnerId == bd.UserId).Select(l => l.Id).Order();
        Assert.Equal(new[] { leads[1].Id, leads[2].Id, late[0].Id }.Order(), owned);
        var audit = Assert.Single(await AuditAsync("leads.bulk-assigned"));
        Assert.Contains("\"matching\"", audit.Details);
    }

    [Fact]
    public async Task A_job_run_operation_is_visible_to_its_requester_only()
    {
        var (manager, _, _) = await ManagedCampaignAsync(0);
        var other = await Given.UserAsync(Roles.Manager);
        var operation = new BulkOperation
        {
            Id = Guid.CreateVersion7(), RequestedById = manager.UserId, Kind = LeadBulkAction.Delete.Name, State = BulkOperationState.Running,
            Total = 5000, Done = 1500, Parameters = "{}", CreatedAt = Fixture.Clock.GetUtcNow(),
        };
        await using (var db = NewDb())
        {
            db.BulkOperations.Add(operation);
            await db.SaveChangesAsync();
        }

        var status = await Bulk.GetOperationAsync(manager, operation.Id);

        Assert.Equal(new BulkOperationStatus(operation.Id, "delete", BulkOperationState.Running, 1500, 5000, null), status);
        await Assert.ThrowsAsync<NotFoundException>(() => Bulk.GetOperationAsync(other, operation.Id));
    }
}
