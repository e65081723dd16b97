using System.Text.Json;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Campaigns;

public sealed class CampaignServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ICampaignService Campaigns => Get<ICampaignService>();

    private static CampaignInput NewCampaign(Guid accountId, string name = "Relance salons 2026") => new()
    {
        AccountId = accountId, Name = name, Objective = "Rendez-vous qualifiés", TargetCount = 40,
        StartsOn = new DateTime(2026, 9, 1), EndsOn = new DateTime(2026, 12, 18),
    };

    private async Task<uint> VersionOf(Guid campaignId)
    {
        await using var db = NewDb();
        return await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Version).SingleAsync();
    }

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
    public async Task A_BD_may_read_an_assigned_campaign_but_not_edit_it()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        bd = await Given.ActorAsync(bd.UserId);
        var version = await VersionOf(campaign.Id);

        var details = await Campaigns.GetAsync(bd, campaign.Id);
        Assert.False(details.CanConfigure);

        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Campaigns.UpdateAsync(bd, campaign.Id, new CampaignInput { Name = "Renommée" }, version));
        Assert.Equal(Capability.CampaignsConfigure, error.Missing);
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Campaigns.UpdateSettingsAsync(bd, campaign.Id, new CampaignSettingsInput(), version));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Campaigns.ChangeStateAsync(bd, campaign.Id, CampaignState.Paused, version));
        Assert.Equal(campaign.Name, (await NewDb().Campaigns.SingleAsync(c => c.Id == campaign.Id)).Name);
    }

    [Fact]
    public async Task A_BD_reading_a_campaign_not_assigned_to_them_is_told_it_does_not_exist()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());

        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.GetAsync(bd, campaign.Id));
        Assert.Empty((await Campaigns.ListAsync(bd, new CampaignQuery(), new PageRequest())).Items);
    }

    [Fact]
    public async Task A_manager_cannot_touch_campaigns_or_accounts_outside_their_own()
    {
        var account = await Given.AccountAsync();
        var theirs = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), theirs);
        var campaign = await Given.CampaignAsync(account);
        var version = await VersionOf(campaign.Id);

        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.GetAsync(manager, campaign.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.UpdateSettingsAsync(manager, campaign.Id, new CampaignSettingsInput(), version));
        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.CreateAsync(manager, NewCampaign(account.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.CopyAsync(manager, campaign.Id, "Copie"));
        Assert.Equal([theirs.Id], (await Campaigns.ListAccountChoicesAsync(manager, null)).Select(a => a.Id));

        var own = await Campaigns.CreateAsync(manager, NewCampaign(theirs.Id));
        Assert.Equal([own], (await Campaigns.ListAsync(manager, new CampaignQuery(), new PageRequest())).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task An_assigned_BD_sees_the_campaign_in_the_list_with_its_client()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var account = await Given.AccountAsync("Thermonord");
        var assigned = await Given.CampaignAsync(account, CampaignState.Active, bd);
        await Given.CampaignAsync(account);
        await Given.LeadsAsync(assigned, 2);

        var page = await Campaigns.ListAsync(await Given.ActorAsync(bd.UserId), new CampaignQuery(), new PageRequest());

        var row = Assert.Single(page.Items);
        Assert.Equal((assigned.Id, "Thermonord", CampaignState.Active, 2, 1), (row.Id, row.AccountName, row.State, row.LeadCount, page.TotalCount));
    }

    [Fact]
    public async Task The_list_filters_sorts_and_pages_on_the_server()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var logivia = await Given.AccountAsync("Logivia");
        var nexalis = await Given.AccountAsync("Nexalis");
        foreach (var name in new[] { "Beta", "Alpha", "Gamma_1" })
            await Campaigns.CreateAsync(admin, NewCampaign(logivia.Id, name));
        var other = await Campaigns.CreateAsync(admin, NewCampaign(nexalis.Id, "Delta"));
        await Campaigns.ChangeStateAsync(admin, other, CampaignState.Active, await VersionOf(other));

        var firstPage = await Campaigns.ListAsync(admin, new CampaignQuery(), new PageRequest(0, 2, CampaignRow.SortKeys.Name, SortDescending: true));
        Assert.Equal(4, firstPage.TotalCount);
        Assert.Equal(["Gamma_1", "Delta"], firstPage.Items.Select(r => r.Name));
        Assert.Equal(["Alpha", "Beta", "Gamma_1"],
            (await Campaigns.ListAsync(admin, new CampaignQuery(AccountId: logivia.Id), new PageRequest())).Items.Select(r => r.Name));
        Assert.Equal(["Delta"], (await Campaigns.ListAsync(admin, new CampaignQuery(Search: "nexa"), new PageRequest())).Items.Select(r => r.Name));
        Assert.Equal(["Delta"], (await Campaigns.ListAsync(admin, new CampaignQuery(State: CampaignState.Active), new PageRequest())).Items.Select(r => r.Name));
        // "_" is a LIKE wildcard: searched literally.
        Assert.Equal(["Gamma_1"], (await Campaigns.ListAsync(admin, new CampaignQuery(Search: "a_"), new PageRequest())).Items.Select(r => r.Name));
    }

    [Fact]
    public async Task Saving_settings_on_a_stale_version_is_a_conflict_not_an_overwrite()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var manager = await Given.UserAsync(Roles.Admin);
        var id = await Campaigns.CreateAsync(admin, NewCampaign((await Given.AccountAsync()).Id));
        var read = (await Campaigns.GetAsync(admin, id)).Version;

        await Campaigns.UpdateSettingsAsync(manager, id, new CampaignSettingsInput { MaxCallAttempts = 3 }, read);
        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            Campaigns.UpdateSettingsAsync(admin, id, new CampaignSettingsInput { MaxCallAttempts = 12 }, read));

        Assert.Equal(ErrorCodes.Concurrency, error.Code);
        var details = await Campaigns.GetAsync(admin, id);
        Assert.Equal(3, details.MaxCallAttempts);
        Assert.NotEqual(read, details.Version);
    }

    [Fact]
    public async Task Settings_are_saved_audited_with_before_and_after_and_announced()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var id = await Campaigns.CreateAsync(admin, NewCampaign((await Given.AccountAsync()).Id));
        await using var events = await Fixture.RecordEventsAsync();

        await Campaigns.UpdateSettingsAsync(admin, id, new CampaignSettingsInput
        {
            CallingHoursStart = new TimeSpan(8, 30, 0), CallingHoursEnd = new TimeSpan(17, 0, 0), TimeZone = "America/Montreal",
            LockLeaseMinutes = 20, MaxCallAttempts = 4, RetryDelayMinutes = 60,
        }, await VersionOf(id));

        var details = await Campaigns.GetAsync(admin, id);
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(17, 0), "America/Montreal", 20, 4, 60),
            (details.CallingHoursStart, details.CallingHoursEnd, details.TimeZone, details.LockLeaseMinutes, details.MaxCallAttempts, details.RetryDelayMinutes));
        await using var db = NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.EntityId == id && e.Action == "campaign.settings-changed");
        using var json = JsonDocument.Parse(audit.Details!);
        Assert.Equal("Europe/Paris", json.RootElement.GetProperty("before").GetProperty("timeZone").GetString());
        Assert.Equal("America/Montreal", json.RootElement.GetProperty("after").GetProperty("timeZone").GetString());
        await events.WaitForAsync<CampaignChanged>(e => e.CampaignId == id);
    }

    [Fact]
    public async Task The_service_runs_the_validators_again()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var id = await Campaigns.CreateAsync(admin, NewCampaign((await Given.AccountAsync()).Id));
        var version = await VersionOf(id);

        var settings = await Assert.ThrowsAsync<ValidationException>(() =>
            Campaigns.UpdateSettingsAsync(admin, id, new CampaignSettingsInput { TimeZone = "Mars/Olympus_Mons" }, version));
        var overview = await Assert.ThrowsAsync<ValidationException>(() =>
            Campaigns.UpdateAsync(admin, id, new CampaignInput { Name = "X", StartsOn = new DateTime(2026, 5, 2), EndsOn = new DateTime(2026, 5, 1) }, version));

        Assert.Equal("campaign.time-zone.unknown", Assert.Single(settings.Errors).ErrorCode);
        Assert.Equal("campaign.ends-on.before-start", Assert.Single(overview.Errors).ErrorCode);
        Assert.Equal(version, await VersionOf(id));
    }

    [Fact]
    public async Task Editing_the_overview_is_saved_and_audited()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var id = await Campaigns.CreateAsync(admin, NewCampaign((await Given.AccountAsync()).Id));

        await Campaigns.UpdateAsync(admin, id, new CampaignInput { Name = " Relance automne ", Objective = "Démos", TargetCount = 12 }, await VersionOf(id));

        var details = await Campaigns.GetAsync(admin, id);
        Assert.Equal(("Relance automne", "Démos", 12, (DateOnly?)null), (details.Name, details.Objective, details.TargetCount, details.StartsOn));
        Assert.True(await NewDb().AuditEvents.AnyAsync(e => e.EntityId == id && e.Action == "campaign.updated"));
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

    [Fact]
    public async Task The_overview_counts_leads_by_status_category()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await Given.LeadsAsync(campaign, 3, LeadStatus.New);
        await Given.LeadsAsync(campaign, 2, LeadStatus.Attempted);
        await Given.LeadsAsync(campaign, 1, LeadStatus.MeetingBooked);
        await Given.LeadsAsync(campaign, 1, LeadStatus.Converted);
        await Given.LeadsAsync(campaign, 2, LeadStatus.DoNotContact);
        await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 5); // another campaign's

        var details = await Campaigns.GetAsync(admin, campaign.Id);

        Assert.Equal(new Dictionary<StatusCategory, int>
        {
            [StatusCategory.New] = 3, [StatusCategory.InProgress] = 3, [StatusCategory.Won] = 1,
            [StatusCategory.Lost] = 0, [StatusCategory.DoNotCall] = 2,
        }, details.LeadsByCategory);
        Assert.Equal(9, details.LeadCount);
    }

    [Fact]
    public async Task Account_choices_leave_archived_accounts_out()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var open = await Given.AccountAsync("Solvéo");
        var archived = await Given.AccountAsync("Solaris");
        await using (var db = NewDb())
            await db.Accounts.Where(a => a.Id == archived.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ArchivedAt, DateTimeOffset.UtcNow));

        Assert.Equal([open.Id], (await Campaigns.ListAccountChoicesAsync(admin, "sol")).Select(a => a.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.CreateAsync(admin, NewCampaign(archived.Id)));
    }
}
