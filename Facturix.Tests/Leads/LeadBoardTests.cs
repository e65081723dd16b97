using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Board;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads;

/// <summary>The card view's service (issue 13, docs/decisions/0039): columns, placement, scope, moves and conflicts.</summary>
public sealed class LeadBoardTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ILeadBoard Board => Get<ILeadBoard>();

    private async Task SetAsync(Guid leadId, Action<Lead> change)
    {
        await using var db = NewDb();
        change(await db.Leads.SingleAsync(l => l.Id == leadId));
        await db.SaveChangesAsync();
    }

    private async Task<Lead> ReadAsync(Guid leadId)
    {
        await using var db = NewDb();
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Id == leadId);
    }

    [Fact]
    public async Task Columns_are_the_campaign_statuses_in_order_with_counts_and_cards_by_score()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        // Created out of order: the board follows SortOrder.
        var won = await Given.CampaignStatusAsync(campaign, "Gagné", LeadStatus.Converted, 2);
        var fresh = await Given.CampaignStatusAsync(campaign, "Nouveau", LeadStatus.New, 0);
        var calling = await Given.CampaignStatusAsync(campaign, "En cours", LeadStatus.Attempted, 1);
        var leads = await Given.LeadsAsync(campaign, 5);
        await SetAsync(leads[0].Id, l => { l.CampaignStatusId = calling.Id; l.Status = LeadStatus.Attempted; l.Score = 10; });
        await SetAsync(leads[1].Id, l => { l.CampaignStatusId = calling.Id; l.Status = LeadStatus.Attempted; l.Score = 70; });
        await SetAsync(leads[2].Id, l => { l.CampaignStatusId = won.Id; l.Status = LeadStatus.Converted; });
        // leads[3]: no campaign status, stage New → the first status mapped onto New. leads[4]: a stage with no status.
        await SetAsync(leads[4].Id, l => l.Status = LeadStatus.DoNotContact);

        var board = await Board.GetAsync(admin, new LeadListQuery(CampaignId: campaign.Id));

        Assert.Equal(["Nouveau", "En cours", "Gagné"], board.Columns.Select(c => c.Label));
        Assert.Equal([1L, 2L, 1L], board.Columns.Select(c => c.Count));
        Assert.Equal(leads[3].Id, Assert.Single(board.Columns[0].Cards).Id);
        Assert.Equal(fresh.Id, board.Columns[0].Cards[0].StatusId);
        Assert.Equal([leads[1].Id, leads[0].Id], board.Columns[1].Cards.Select(c => c.Id)); // highest score first
        Assert.Equal(1, board.Unplaced);
    }

    [Fact]
    public async Task A_column_shows_its_first_cards_and_says_there_are_more()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await Given.CampaignStatusAsync(campaign, "Nouveau", LeadStatus.New, 0);
        await Given.LeadsAsync(campaign, 7);

        var board = await Board.GetAsync(admin, new LeadListQuery(CampaignId: campaign.Id), cardsPerColumn: 3);

        var column = Assert.Single(board.Columns);
        Assert.Equal((7L, 3, true), (column.Count, column.Cards.Count, column.HasMore));
    }

    [Fact]
    public async Task The_list_filters_apply_to_the_board()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await Given.CampaignStatusAsync(campaign, "Nouveau", LeadStatus.New, 0);
        var leads = await Given.LeadsAsync(campaign, 3);
        await SetAsync(leads[0].Id, l => l.Score = 80);

        var board = await Board.GetAsync(admin, new LeadListQuery(CampaignId: campaign.Id, ScoreMin: 50));

        Assert.Equal(leads[0].Id, Assert.Single(Assert.Single(board.Columns).Cards).Id);
    }

    [Fact]
    public async Task A_BD_sees_no_board_of_a_campaign_not_assigned_to_them_and_cannot_move_its_leads()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var status = await Given.CampaignStatusAsync(campaign, "Nouveau", LeadStatus.New, 0);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();

        await Assert.ThrowsAsync<NotFoundException>(() => Board.GetAsync(bd, new LeadListQuery(CampaignId: campaign.Id)));
        var version = (await ReadAsync(lead.Id)).Version;
        await Assert.ThrowsAsync<NotFoundException>(() => Board.MoveAsync(bd, lead.Id, status.Id, version));
        var noCampaign = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => Board.GetAsync(bd, LeadListQuery.Empty));
        Assert.Equal(ErrorCodes.LeadBoardCampaignRequired, Assert.Single(noCampaign.Errors).ErrorCode);
    }

    [Fact]
    public async Task Moving_a_card_changes_status_and_stage_logs_a_status_activity_and_tells_other_viewers()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var fresh = await Given.CampaignStatusAsync(campaign, "Nouveau", LeadStatus.New, 0);
        var meeting = await Given.CampaignStatusAsync(campaign, "RDV pris", LeadStatus.MeetingBooked, 1);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await using var events = await Fixture.RecordEventsAsync();
        var card = Assert.Single((await Board.GetAsync(bd, new LeadListQuery(CampaignId: campaign.Id))).Columns[0].Cards);
        Assert.Equal(fresh.Id, card.StatusId);

        var version = await Board.MoveAsync(bd, lead.Id, meeting.Id, card.Version);

        var stored = await ReadAsync(lead.Id);
        Assert.Equal((meeting.Id, LeadStatus.MeetingBooked, version), (stored.CampaignStatusId!.Value, stored.Status, stored.Version));
        await using (var db = NewDb())
        {
            var activity = await db.Activities.SingleAsync(a => a.LeadId == lead.Id);
            Assert.Equal((ActivityKind.Status, LeadStatus.New, LeadStatus.MeetingBooked, bd.UserId),
                (activity.Kind, activity.StatusFrom!.Value, activity.StatusTo!.Value, activity.UserId!.Value));
        }
        await events.WaitForAsync<LeadUpdated>(e => e.LeadId == lead.Id);
        await events.WaitForAsync<ActivityLogged>(e => e.LeadId == lead.Id && e.Kind == ActivityKind.Status);
        var board = await Board.GetAsync(bd, new LeadListQuery(CampaignId: campaign.Id));
        Assert.Equal([0L, 1L], board.Columns.Select(c => c.Count));
    }

    [Fact]
    public async Task A_card_drawn_before_someone_else_changed_the_lead_is_a_conflict_and_nothing_is_written()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await Given.CampaignStatusAsync(campaign, "Nouveau", LeadStatus.New, 0);
        var lost = await Given.CampaignStatusAsync(campaign, "Perdu", LeadStatus.NotAFit, 1);
        var won = await Given.CampaignStatusAsync(campaign, "Gagné", LeadStatus.Converted, 2);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        var card = (await Board.GetAsync(admin, new LeadListQuery(CampaignId: campaign.Id))).Columns[0].Cards.Single();
        await Board.MoveAsync(admin, lead.Id, won.Id, card.Version); // someone else, first

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Board.MoveAsync(admin, lead.Id, lost.Id, card.Version));

        Assert.Equal(ErrorCodes.Concurrency, conflict.Code);
        Assert.Equal(won.Id, (await ReadAsync(lead.Id)).CampaignStatusId);
        await using var db = NewDb();
        Assert.Equal(1, await db.Activities.CountAsync(a => a.LeadId == lead.Id));
    }

    [Fact]
    public async Task A_status_of_another_campaign_is_not_found()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync();
        var campaign = await Given.CampaignAsync(account);
        var other = await Given.CampaignStatusAsync(await Given.CampaignAsync(account), "Ailleurs", LeadStatus.Converted, 0);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();

        var version = (await ReadAsync(lead.Id)).Version;
        await Assert.ThrowsAsync<NotFoundException>(() => Board.MoveAsync(admin, lead.Id, other.Id, version));
        Assert.Equal(LeadStatus.New, (await ReadAsync(lead.Id)).Status);
    }

    [Fact]
    public void Placement_prefers_the_lead_status_then_the_first_status_of_its_stage()
    {
        var a = new BoardStatus(Guid.NewGuid(), LeadStatus.Attempted);
        var b = new BoardStatus(Guid.NewGuid(), LeadStatus.Attempted);
        var c = new BoardStatus(Guid.NewGuid(), LeadStatus.Converted);
        BoardStatus[] statuses = [a, b, c];

        Assert.Equal(b.Id, LeadBoardPlacement.ColumnOf(b.Id, LeadStatus.Attempted, statuses));
        Assert.Equal(a.Id, LeadBoardPlacement.ColumnOf(null, LeadStatus.Attempted, statuses));
        Assert.Equal(a.Id, LeadBoardPlacement.ColumnOf(Guid.NewGuid(), LeadStatus.Attempted, statuses)); // a status of no column
        Assert.Null(LeadBoardPlacement.ColumnOf(null, LeadStatus.NotAFit, statuses));
        Assert.True(LeadBoardPlacement.CatchesStage(a.Id, statuses));
        Assert.False(LeadBoardPlacement.CatchesStage(b.Id, statuses));
    }
}
