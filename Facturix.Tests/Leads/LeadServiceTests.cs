using Facturix.Domain.Activities;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Board;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads;

public sealed class LeadServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Changing_a_status_logs_a_status_activity_and_announces_it()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        var announced = new TaskCompletionSource<LeadUpdated>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = bus.Subscribe<LeadUpdated>(e => { announced.TrySetResult(e); return Task.CompletedTask; });
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();

        await Get<ILeadService>().ChangeStatusAsync(bd, lead.Id, LeadStatus.Converted);

        await using var db = NewDb();
        Assert.Equal(LeadStatus.Converted, (await db.Leads.SingleAsync(l => l.Id == lead.Id)).Status);
        var activity = await db.Activities.SingleAsync(a => a.LeadId == lead.Id);
        Assert.Equal(ActivityKind.Status, activity.Kind);
        Assert.Equal(bd.UserId, activity.UserId);
        Assert.Equal(lead.Id, (await announced.Task.WaitAsync(TimeSpan.FromSeconds(10))).LeadId);
    }

    [Fact]
    public async Task A_BD_cannot_touch_a_lead_outside_their_campaigns()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();

        await Assert.ThrowsAsync<NotFoundException>(() =>
            Get<ILeadService>().ChangeStatusAsync(bd, lead.Id, LeadStatus.Converted));

        await using var db = NewDb();
        Assert.Equal(LeadStatus.New, (await db.Leads.SingleAsync(l => l.Id == lead.Id)).Status);
    }

    [Fact]
    public async Task An_unknown_status_is_refused_with_a_code_a_person_can_read()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            Get<ILeadService>().ChangeStatusAsync(admin, lead.Id, (LeadStatus)999));

        Assert.Equal(ErrorCodes.LeadStatusInvalid, Assert.Single(refused.Errors).ErrorCode);
    }

    [Fact]
    public async Task A_new_stage_drops_a_campaign_status_of_the_old_stage_so_the_board_places_the_lead_by_its_stage()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var meeting = await Given.CampaignStatusAsync(campaign, "RDV pris", LeadStatus.MeetingBooked, 0);
        var won = await Given.CampaignStatusAsync(campaign, "Signé", LeadStatus.Converted, 1);
        var lead = (await Given.LeadsAsync(campaign, 1, LeadStatus.MeetingBooked)).Single();
        await using (var db = NewDb())
            await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.CampaignStatusId, meeting.Id));

        await Get<ILeadService>().ChangeStatusAsync(admin, lead.Id, LeadStatus.Converted);

        await using (var db = NewDb())
            Assert.Null(await db.Leads.Where(l => l.Id == lead.Id).Select(l => l.CampaignStatusId).SingleAsync());
        var board = await Get<ILeadBoard>().GetAsync(admin, new LeadListQuery(CampaignId: campaign.Id));
        Assert.Equal([won.Id], board.Columns.Where(c => c.Cards.Any(card => card.Id == lead.Id)).Select(c => c.StatusId));
    }
}
