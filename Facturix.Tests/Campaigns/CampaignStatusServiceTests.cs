using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Campaigns;

/// <summary>A campaign's status set against PostgreSQL: no write ever orphans a lead or leaves a move half-done.</summary>
public sealed class CampaignStatusServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ICampaignStatusService Statuses => Get<ICampaignStatusService>();
    private ICampaignOutcomeService Outcomes => Get<ICampaignOutcomeService>();

    /// <summary>An admin, a campaign with three statuses, <paramref name="leadsOnFirst"/> leads on the first and an outcome aiming at it.</summary>
    private async Task<(Actor Admin, Campaign Campaign, Guid A, Guid B, Guid C, IReadOnlyList<Lead> Leads, Guid Outcome)> SetUpAsync(int leadsOnFirst = 3)
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var a = await Statuses.AddAsync(admin, campaign.Id, new CampaignStatusInput { Label = "À rappeler", Stage = LeadStatus.Attempted });
        var b = await Statuses.AddAsync(admin, campaign.Id, new CampaignStatusInput { Label = "RDV pris", Stage = LeadStatus.MeetingBooked });
        var c = await Statuses.AddAsync(admin, campaign.Id, new CampaignStatusInput { Label = "Perdu", Stage = LeadStatus.NotAFit });
        var leads = await Given.LeadsAsync(campaign, leadsOnFirst, LeadStatus.Attempted);
        await using (var db = NewDb())
            await db.Leads.Where(l => l.CampaignId == campaign.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.CampaignStatusId, a));
        var outcome = await Outcomes.AddAsync(admin, campaign.Id, new CampaignOutcomeInput { Label = "Pas de réponse", Hotkey = 1, TargetStatusId = a });
        return (admin, campaign, a, b, c, leads, outcome);
    }

    /// <summary>One value of an audit row's details (jsonb reformats the text, so compare values, not strings).</summary>
    internal static string Detail(string? details, string part, string name)
    {
        var value = System.Text.Json.JsonDocument.Parse(details!).RootElement.GetProperty(part).GetProperty(name);
        return value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText().Replace(" ", "");
    }

    [Fact]
    public async Task Statuses_are_listed_in_order_with_their_keys_categories_and_lead_counts()
    {
        var (admin, campaign, a, b, c, _, _) = await SetUpAsync(leadsOnFirst: 2);

        var rows = await Statuses.ListAsync(admin, campaign.Id);

        Assert.Equal([a, b, c], rows.Select(r => r.Id));
        Assert.Equal(["a-rappeler", "rdv-pris", "perdu"], rows.Select(r => r.Key));
        Assert.Equal([StatusCategory.InProgress, StatusCategory.InProgress, StatusCategory.Lost], rows.Select(r => r.Category));
        Assert.Equal([2, 0, 0], rows.Select(r => r.LeadCount));
        Assert.Equal([1, 0, 0], rows.Select(r => r.OutcomeCount));
        Assert.True(rows[0].InUse);
    }

    [Fact]
    public async Task Deleting_a_status_in_use_moves_its_leads_and_repoints_its_outcomes_with_one_audit_row()
    {
        var (admin, campaign, a, b, _, leads, outcome) = await SetUpAsync();
        await using var events = await Fixture.RecordEventsAsync();

        var moved = await Statuses.DeleteAsync(admin, a, moveLeadsTo: b);

        Assert.Equal(3, moved);
        await using var db = NewDb();
        Assert.False(await db.CampaignStatuses.AnyAsync(s => s.Id == a));
        var after = await db.Leads.Where(l => l.CampaignId == campaign.Id).ToListAsync();
        Assert.Equal(leads.Count, after.Count);
        Assert.All(after, l => Assert.Equal((b, LeadStatus.MeetingBooked), (l.CampaignStatusId, l.Status)));
        var repointed = await db.CampaignOutcomes.SingleAsync(o => o.Id == outcome);
        Assert.Equal((b, LeadStatus.MeetingBooked), (repointed.TargetCampaignStatusId, repointed.TargetStatus));
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "campaign.status-deleted");
        Assert.Equal((admin.UserId, campaign.Id, campaign.Name), (audit.ActorId!.Value, audit.EntityId!.Value, audit.TargetLabel!));
        Assert.Equal("3", Detail(audit.Details, "after", "leads"));
        Assert.Equal("1", Detail(audit.Details, "after", "outcomes"));
        Assert.Equal("rdv-pris", Detail(audit.Details, "after", "movedTo"));
        Assert.Equal("a-rappeler", Detail(audit.Details, "before", "key"));
        await events.WaitForAsync<CampaignChanged>(e => e.CampaignId == campaign.Id);
    }

    [Fact]
    public async Task A_failure_during_a_delete_leaves_every_lead_outcome_and_status_as_it_was()
    {
        var (admin, campaign, a, b, _, _, outcome) = await SetUpAsync();
        // The DELETE is the last statement: by then the leads and outcomes have been moved, so a rollback must undo them.
        await using (var db = NewDb())
            await db.Database.ExecuteSqlRawAsync("""
                CREATE FUNCTION test_refuse_status_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
                CREATE TRIGGER test_refuse_status_delete BEFORE DELETE ON campaign_statuses FOR EACH ROW EXECUTE FUNCTION test_refuse_status_delete();
                """);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Statuses.DeleteAsync(admin, a, moveLeadsTo: b));

            await using var db = NewDb();
            Assert.True(await db.CampaignStatuses.AnyAsync(s => s.Id == a));
            Assert.All(await db.Leads.Where(l => l.CampaignId == campaign.Id).ToListAsync(),
                l => Assert.Equal((a, LeadStatus.Attempted), (l.CampaignStatusId, l.Status)));
            Assert.Equal(a, (await db.CampaignOutcomes.SingleAsync(o => o.Id == outcome)).TargetCampaignStatusId);
            Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "campaign.status-deleted"));
        }
        finally
        {
            await using var db = NewDb();
            await db.Database.ExecuteSqlRawAsync("""
                DROP TRIGGER test_refuse_status_delete ON campaign_statuses; DROP FUNCTION test_refuse_status_delete();
                """);
        }
    }

    [Fact]
    public async Task Deleting_a_status_in_use_without_a_target_is_refused_and_changes_nothing()
    {
        var (admin, campaign, a, _, _, _, _) = await SetUpAsync();

        var error = await Assert.ThrowsAsync<ConflictException>(() => Statuses.DeleteAsync(admin, a, moveLeadsTo: null));

        Assert.Equal(ErrorCodes.StatusInUse, error.Code);
        await using var db = NewDb();
        Assert.Equal(3, await db.Leads.CountAsync(l => l.CampaignStatusId == a));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "campaign.status-deleted"));
    }

    [Fact]
    public async Task An_unused_status_is_deleted_without_a_target_but_the_last_one_stays()
    {
        var (admin, campaign, a, b, c, _, _) = await SetUpAsync();

        Assert.Equal(0, await Statuses.DeleteAsync(admin, c, null));
        Assert.Equal(0, await Statuses.DeleteAsync(admin, b, null));
        var error = await Assert.ThrowsAsync<ConflictException>(() => Statuses.DeleteAsync(admin, a, b));
        Assert.Equal(ErrorCodes.LastStatus, error.Code);

        Assert.Equal([a], (await Statuses.ListAsync(admin, campaign.Id)).Select(r => r.Id));
    }

    [Fact]
    public async Task The_target_must_be_another_status_of_the_same_campaign()
    {
        var (admin, _, a, _, _, _, _) = await SetUpAsync();
        var other = await Given.CampaignAsync(await Given.AccountAsync());
        var foreign = await Statuses.AddAsync(admin, other.Id, new CampaignStatusInput { Label = "Ailleurs", Stage = LeadStatus.New });

        foreach (var target in new[] { foreign, a })
        {
            var error = await Assert.ThrowsAsync<ValidationException>(() => Statuses.DeleteAsync(admin, a, target));
            Assert.Equal(ErrorCodes.StatusMoveTargetInvalid, Assert.Single(error.Errors).ErrorCode);
        }
        await using var db = NewDb();
        Assert.Equal(3, await db.Leads.CountAsync(l => l.CampaignStatusId == a));
    }

    [Fact]
    public async Task Renaming_and_reordering_keep_every_lead_on_its_status()
    {
        var (admin, campaign, a, b, c, _, _) = await SetUpAsync();

        await Statuses.UpdateAsync(admin, a, new CampaignStatusInput { Label = "Rappel prévu", Stage = LeadStatus.Attempted, Color = "#3b82f6" });
        await Statuses.ReorderAsync(admin, campaign.Id, [c, a, b]);

        var rows = await Statuses.ListAsync(admin, campaign.Id);
        Assert.Equal([c, a, b], rows.Select(r => r.Id));
        var renamed = rows.Single(r => r.Id == a);
        Assert.Equal(("a-rappeler", "Rappel prévu", "#3B82F6", 3), (renamed.Key, renamed.Label, renamed.Color, renamed.LeadCount));
        await using var db = NewDb();
        Assert.All(await db.Leads.Where(l => l.CampaignId == campaign.Id).ToListAsync(),
            l => Assert.Equal((a, LeadStatus.Attempted), (l.CampaignStatusId, l.Status)));
        var reorder = await db.AuditEvents.SingleAsync(e => e.Action == "campaign.statuses-reordered");
        Assert.Equal("""["a-rappeler","rdv-pris","perdu"]""", Detail(reorder.Details, "before", "order"));
        Assert.Equal("""["perdu","a-rappeler","rdv-pris"]""", Detail(reorder.Details, "after", "order"));
        var rename = await db.AuditEvents.SingleAsync(e => e.Action == "campaign.status-updated");
        Assert.Equal("À rappeler", Detail(rename.Details, "before", "label"));
        Assert.Equal("Rappel prévu", Detail(rename.Details, "after", "label"));
    }

    [Fact]
    public async Task A_reorder_that_is_not_exactly_the_campaign_set_is_a_concurrency_conflict()
    {
        var (admin, campaign, a, b, _, _, _) = await SetUpAsync();

        var error = await Assert.ThrowsAsync<ConflictException>(() => Statuses.ReorderAsync(admin, campaign.Id, [b, a]));

        Assert.Equal(ErrorCodes.Concurrency, error.Code);
    }

    [Fact]
    public async Task Changing_a_status_stage_moves_its_leads_and_outcomes_to_that_stage_and_no_others()
    {
        var (admin, campaign, a, _, _, leads, outcome) = await SetUpAsync();
        var bystander = (await Given.LeadsAsync(campaign, 1, LeadStatus.New)).Single();

        await Statuses.UpdateAsync(admin, a, new CampaignStatusInput { Label = "À rappeler", Stage = LeadStatus.Contacted });

        await using var db = NewDb();
        Assert.All(await db.Leads.Where(l => l.CampaignStatusId == a).ToListAsync(), l => Assert.Equal(LeadStatus.Contacted, l.Status));
        Assert.Equal(leads.Count, await db.Leads.CountAsync(l => l.CampaignStatusId == a));
        Assert.Equal(LeadStatus.New, (await db.Leads.SingleAsync(l => l.Id == bystander.Id)).Status);
        Assert.Equal(LeadStatus.Contacted, (await db.CampaignOutcomes.SingleAsync(o => o.Id == outcome)).TargetStatus);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "campaign.status-updated");
        Assert.Equal("Attempted", Detail(audit.Details, "before", "stage"));
        Assert.Equal("Contacted", Detail(audit.Details, "after", "stage"));
        Assert.Equal("3", Detail(audit.Details, "after", "leads"));
    }

    [Fact]
    public async Task Two_statuses_with_the_same_label_get_distinct_keys()
    {
        var (admin, campaign, _, _, _, _, _) = await SetUpAsync(0);

        await Statuses.AddAsync(admin, campaign.Id, new CampaignStatusInput { Label = "RDV pris!", Stage = LeadStatus.MeetingBooked });

        Assert.Contains("rdv-pris-2", (await Statuses.ListAsync(admin, campaign.Id)).Select(r => r.Key));
    }

    [Fact]
    public async Task A_BD_and_a_manager_outside_their_accounts_may_not_touch_the_status_set()
    {
        var (admin, campaign, a, b, _, _, _) = await SetUpAsync();
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), await Given.AccountAsync());
        var input = new CampaignStatusInput { Label = "Nouveau", Stage = LeadStatus.New };

        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() => Statuses.AddAsync(bd, campaign.Id, input));
        Assert.Equal(Capability.CampaignsConfigure, forbidden.Missing);
        await Assert.ThrowsAsync<ForbiddenException>(() => Statuses.DeleteAsync(bd, a, b));
        await Assert.ThrowsAsync<NotFoundException>(() => Statuses.AddAsync(manager, campaign.Id, input));
        await Assert.ThrowsAsync<NotFoundException>(() => Statuses.UpdateAsync(manager, a, input));
        await Assert.ThrowsAsync<NotFoundException>(() => Statuses.DeleteAsync(manager, a, b));
        await Assert.ThrowsAsync<NotFoundException>(() => Statuses.ListAsync(manager, campaign.Id));

        Assert.Equal(3, (await Statuses.ListAsync(admin, campaign.Id)).Count);
        await using var db = NewDb();
        Assert.Equal(3, await db.Leads.CountAsync(l => l.CampaignStatusId == a));
    }

    [Fact]
    public async Task Bad_input_is_refused_by_the_service_with_its_codes()
    {
        var (admin, campaign, a, _, _, _, _) = await SetUpAsync(0);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Statuses.UpdateAsync(admin, a, new CampaignStatusInput { Label = "", Stage = LeadStatus.New, Color = "blue" }));

        Assert.Equal(["status.color.format", "status.label.required"], error.Errors.Select(e => e.ErrorCode).Order());
        Assert.Equal("À rappeler", (await Statuses.ListAsync(admin, campaign.Id)).Single(r => r.Id == a).Label);
    }
}
