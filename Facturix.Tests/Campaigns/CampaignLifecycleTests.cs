using System.Text.Json;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Campaigns;

/// <summary>
/// A campaign's life through <see cref="ICampaignService"/>: created with the default statuses and outcomes, copied
/// without its people and leads, and moved along its states (draft, active, paused, completed), each audited.
/// </summary>
public sealed class CampaignLifecycleTests(DatabaseFixture fixture) : CampaignServiceTest(fixture)
{
    [Fact]
    public async Task Creating_a_campaign_copies_the_eight_default_statuses_and_four_outcomes_pointing_at_them()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync("Logivia");
        await using var events = await Fixture.RecordEventsAsync();

        var id = await Campaigns.CreateAsync(admin, NewCampaign(account.Id));

        await using var db = NewDb();
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == id);
        Assert.Equal((CampaignState.Draft, "Relance salons 2026", 40, new DateOnly(2026, 9, 1)),
            (campaign.State, campaign.Name, campaign.TargetCount, campaign.StartsOn!.Value));
        var statuses = await db.CampaignStatuses.Where(s => s.CampaignId == id).OrderBy(s => s.SortOrder).ToListAsync();
        Assert.Equal(CampaignDefaults.Statuses.Select(s => (s.Key, s.Stage)), statuses.Select(s => (s.Key, s.Stage)));
        var outcomes = await db.CampaignOutcomes.Where(o => o.CampaignId == id).OrderBy(o => o.SortOrder).ToListAsync();
        Assert.Equal(4, outcomes.Count);
        foreach (var (outcome, template) in outcomes.Zip(CampaignDefaults.Outcomes))
        {
            var target = statuses.Single(s => s.Key == template.TargetStatusKey);
            Assert.Equal((template.Key, template.Hotkey, target.Id, target.Stage),
                (outcome.Key, outcome.Hotkey!.Value, outcome.TargetCampaignStatusId!.Value, outcome.TargetStatus!.Value));
        }
        var audit = await db.AuditEvents.SingleAsync(e => e.EntityId == id);
        Assert.Equal(("campaign.created", admin.UserId, "Relance salons 2026"), (audit.Action, audit.ActorId!.Value, audit.TargetLabel));
        await events.WaitForAsync<CampaignChanged>(e => e.CampaignId == id && e.AccountId == account.Id);
    }

    [Fact]
    public async Task A_new_or_copied_campaign_announces_an_access_change_to_the_accounts_managers_whose_scope_it_widens()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var outsider = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), await Given.AccountAsync());
        await using var events = await Fixture.RecordEventsAsync();

        var id = await Campaigns.CreateAsync(admin, NewCampaign(account.Id));

        // The manager's open pages filter live events by the scope resolved before the campaign existed.
        Assert.False(manager.Scope.CoversCampaign(id));
        await events.WaitForAsync<AccessChanged>(e => e.UserId == manager.UserId);
        Assert.True((await Given.ActorAsync(manager.UserId)).Scope.CoversCampaign(id));

        await Campaigns.CopyAsync(admin, id, "Relance salons 2027");
        await events.AssertNoneAsync<AccessChanged>(e => e.UserId == outsider.UserId); // settles: everything committed arrived
        Assert.Equal(2, events.Received.OfType<AccessChanged>().Count(e => e.UserId == manager.UserId));
    }

    [Fact]
    public async Task Copying_a_campaign_copies_its_configuration_remaps_status_ids_and_leaves_people_and_leads_behind()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var account = await Given.AccountAsync();
        var sourceId = await Campaigns.CreateAsync(admin, NewCampaign(account.Id));
        await using (var db = NewDb())
        {
            var source = await db.Campaigns.SingleAsync(c => c.Id == sourceId);
            source.Script = "## Accroche\nBonjour";
            source.State = CampaignState.Active;
            source.MaxCallAttempts = 9;
            source.TimeZone = "America/Montreal";
            db.CampaignObjections.Add(new CampaignObjection { Id = Guid.NewGuid(), CampaignId = sourceId, Objection = "Pas le temps", Answer = "Deux minutes suffisent.", SortOrder = 1 });
            db.CampaignAssignments.Add(new CampaignAssignment { CampaignId = sourceId, UserId = bd.UserId, AssignedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        await using (var db = NewDb())
            await Given.LeadsAsync(await db.Campaigns.SingleAsync(c => c.Id == sourceId), 3);

        var copyId = await Campaigns.CopyAsync(admin, sourceId, "Relance salons 2027");

        await using var check = NewDb();
        var copy = await check.Campaigns.SingleAsync(c => c.Id == copyId);
        Assert.Equal((CampaignState.Draft, "Relance salons 2027", "## Accroche\nBonjour", 9, "America/Montreal", "Rendez-vous qualifiés", account.Id),
            (copy.State, copy.Name, copy.Script, copy.MaxCallAttempts, copy.TimeZone, copy.Objective, copy.AccountId));
        var sourceStatuses = await check.CampaignStatuses.Where(s => s.CampaignId == sourceId).ToListAsync();
        var copyStatuses = await check.CampaignStatuses.Where(s => s.CampaignId == copyId).ToListAsync();
        Assert.Equal(sourceStatuses.Select(s => s.Key).Order(), copyStatuses.Select(s => s.Key).Order());
        Assert.Empty(copyStatuses.Select(s => s.Id).Intersect(sourceStatuses.Select(s => s.Id)));
        var copyOutcomes = await check.CampaignOutcomes.Where(o => o.CampaignId == copyId).ToListAsync();
        Assert.Equal(4, copyOutcomes.Count);
        Assert.All(copyOutcomes, o =>
        {
            var target = Assert.Single(copyStatuses, s => s.Id == o.TargetCampaignStatusId);
            Assert.Equal(CampaignDefaults.Outcomes.Single(t => t.Key == o.Key).TargetStatusKey, target.Key);
        });
        var objection = await check.CampaignObjections.SingleAsync(o => o.CampaignId == copyId);
        Assert.Equal(("Pas le temps", "Deux minutes suffisent."), (objection.Objection, objection.Answer));
        Assert.False(await check.CampaignAssignments.AnyAsync(a => a.CampaignId == copyId));
        Assert.False(await check.Leads.AnyAsync(l => l.CampaignId == copyId));
        Assert.True(await check.AuditEvents.AnyAsync(e => e.EntityId == copyId && e.Action == "campaign.copied"));
    }

    [Fact]
    public async Task A_copy_needs_a_name()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var source = await Given.CampaignAsync(await Given.AccountAsync());

        var error = await Assert.ThrowsAsync<ValidationException>(() => Campaigns.CopyAsync(admin, source.Id, " "));

        Assert.Contains(error.Errors, e => e.ErrorCode == "campaign.name.required");
    }

    [Fact]
    public async Task A_campaign_moves_along_its_life_cycle_and_a_refused_move_says_why()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var id = await Campaigns.CreateAsync(admin, NewCampaign((await Given.AccountAsync()).Id));
        var draft = await VersionOf(id);

        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            Campaigns.ChangeStateAsync(admin, id, CampaignState.Paused, draft));
        Assert.Equal(ErrorCodes.CampaignStateTransition, refused.Code);

        foreach (var state in new[] { CampaignState.Active, CampaignState.Paused, CampaignState.Active, CampaignState.Completed })
            await Campaigns.ChangeStateAsync(admin, id, state, await VersionOf(id));

        var completed = await VersionOf(id);
        var back = await Assert.ThrowsAsync<ConflictException>(() =>
            Campaigns.ChangeStateAsync(admin, id, CampaignState.Active, completed));
        Assert.Equal(ErrorCodes.CampaignStateTransition, back.Code);
        Assert.Equal(CampaignState.Completed, (await Campaigns.GetAsync(admin, id)).State);
        var audits = await NewDb().AuditEvents.Where(e => e.EntityId == id && e.Action == "campaign.state-changed").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(4, audits.Count);
        using var details = JsonDocument.Parse(audits[^1].Details!);
        Assert.Equal(("Active", "Completed"), (
            details.RootElement.GetProperty("before").GetProperty("state").GetString(),
            details.RootElement.GetProperty("after").GetProperty("state").GetString()));
    }
}
