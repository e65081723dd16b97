using Facturix.Domain.Activities;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads;

/// <summary>The lead page's service calls (issue 13): read, timeline, inline edit, notes.</summary>
public sealed class LeadPageServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ILeadService Leads => Get<ILeadService>();

    private async Task<uint> VersionAsync(Guid leadId)
    {
        await using var db = NewDb();
        return await db.Leads.Where(l => l.Id == leadId).Select(l => l.Version).SingleAsync();
    }

    private async Task<Activity> AddActivityAsync(Lead lead, ActivityKind kind, DateTimeOffset at,
        CallOutcome? outcome = null, CallDirection? direction = null)
    {
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(), LeadId = lead.Id, CampaignId = lead.CampaignId, AccountId = lead.AccountId,
            Kind = kind, OccurredAt = at, CreatedAt = at, Outcome = outcome, Direction = direction, Body = kind.ToString(),
        };
        await using var db = NewDb();
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity;
    }

    [Fact]
    public async Task The_status_chip_offers_the_campaign_statuses_in_order_and_a_move_from_the_page_version_lands_once()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var meeting = await Given.CampaignStatusAsync(campaign, "RDV pris", LeadStatus.MeetingBooked, 2);
        var fresh = await Given.CampaignStatusAsync(campaign, "Nouveau", LeadStatus.New, 1);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();

        var shown = await Leads.GetAsync(bd, lead.Id);
        Assert.Equal([fresh.Id, meeting.Id], shown.CampaignStatuses.Select(s => s.Id));
        Assert.Equal(StatusCategory.InProgress, shown.CampaignStatuses[1].Category);
        Assert.Null(shown.CampaignStatusId);

        await Get<Facturix.Domain.Leads.Board.ILeadBoard>().MoveAsync(bd, lead.Id, meeting.Id, shown.Version);
        var moved = await Leads.GetAsync(bd, lead.Id);
        Assert.Equal((meeting.Id, "RDV pris", LeadStatus.MeetingBooked), (moved.CampaignStatusId, moved.StatusLabel, moved.Status));
        // A second tab still showing the old version: refused, not overwritten.
        await Assert.ThrowsAsync<ConflictException>(() =>
            Get<Facturix.Domain.Leads.Board.ILeadBoard>().MoveAsync(bd, lead.Id, fresh.Id, shown.Version));
    }

    [Fact]
    public async Task A_BD_cannot_read_a_lead_of_a_campaign_not_assigned_to_them()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();

        await Assert.ThrowsAsync<NotFoundException>(() => Leads.GetAsync(bd, lead.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Leads.GetTimelineAsync(bd, lead.Id, new TimelineQuery()));
    }

    [Fact]
    public async Task Details_show_links_open_tasks_and_a_score_breakdown_from_the_activities()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync("Acme SAS");
        var campaign = await Given.CampaignAsync(account);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        var now = Fixture.Clock.GetUtcNow();
        await using (var db = NewDb())
        {
            var stored = await db.Leads.SingleAsync(l => l.Id == lead.Id);
            stored.JobTitle = "Directeur général";
            stored.OwnerId = admin.UserId;
            stored.LastContactedAt = now.AddDays(-1);
            db.Tasks.Add(new() { Id = Guid.CreateVersion7(), Title = "Rappeler", AssigneeId = admin.UserId, LeadId = lead.Id, CreatedAt = now, UpdatedAt = now });
            db.Tasks.Add(new() { Id = Guid.CreateVersion7(), Title = "Fait", AssigneeId = admin.UserId, LeadId = lead.Id, CreatedAt = now, UpdatedAt = now, CompletedAt = now });
            await db.SaveChangesAsync();
        }
        await AddActivityAsync(lead, ActivityKind.Call, now.AddDays(-2), CallOutcome.Interested);
        await AddActivityAsync(lead, ActivityKind.Call, now.AddDays(-2), CallOutcome.NoAnswer);
        await AddActivityAsync(lead, ActivityKind.Email, now.AddDays(-1), direction: CallDirection.Inbound);

        var details = await Leads.GetAsync(admin, lead.Id);

        Assert.Equal(("Acme SAS", campaign.Name, admin.UserId), (details.AccountName, details.CampaignName, details.OwnerId!.Value));
        Assert.Equal("Rappeler", Assert.Single(details.OpenTasks).Title);
        var points = details.Score.Contributions.ToDictionary(c => c.Code, c => c.Points);
        Assert.Equal(30, points["score.fit.seniority.c-level"]);
        Assert.Equal(15, points["score.engagement.positive-outcomes"]); // the interested call only
        Assert.Equal(5, points["score.engagement.replies"]);
        Assert.Equal(50, details.Score.Total);
    }

    [Fact]
    public async Task An_update_normalises_phone_email_and_country_and_is_audited()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd), 1)).Single();
        await using var events = await Fixture.RecordEventsAsync();

        await Leads.UpdateAsync(bd, lead.Id, new LeadEditInput
        {
            FirstName = "jean-pierre", LastName = "DUPONT", Company = "  Acme  ", Email = " Jean.Dupont@ACME.fr ",
            Phone = "030 123456", Country = "Allemagne",
        }, await VersionAsync(lead.Id));

        await using var db = NewDb();
        var stored = await db.Leads.SingleAsync(l => l.Id == lead.Id);
        Assert.Equal(("Jean-Pierre", "Acme", "jean.dupont@acme.fr", "DE", "+4930123456"),
            (stored.FirstName, stored.Company, stored.Email, stored.Country, stored.Phone));
        var audit = await db.AuditEvents.SingleAsync(e => e.EntityId == lead.Id && e.Action == "lead.updated");
        Assert.Equal(bd.UserId, audit.ActorId);
        Assert.Contains("+4930123456", audit.Details);
        Assert.Contains("+33612345678", audit.Details); // before
        await events.WaitForAsync<LeadUpdated>(e => e.LeadId == lead.Id);
    }

    [Fact]
    public async Task An_update_is_validated_again_in_the_service()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();

        var version = await VersionAsync(lead.Id);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Leads.UpdateAsync(admin, lead.Id,
            new LeadEditInput { Company = " ", Email = "not-an-email", Phone = "12", Country = "Atlantide", FirstName = new string('a', 101) },
            version));

        Assert.Equal(
            new[] { "lead.company.required", "lead.country.unknown", "lead.email.format", "lead.first-name.too-long", "lead.phone.format" },
            refused.Errors.Select(e => e.ErrorCode).Order().ToArray());
        await using var db = NewDb();
        Assert.Equal(lead.Email, (await db.Leads.SingleAsync(l => l.Id == lead.Id)).Email);
    }

    [Fact]
    public async Task A_stale_version_ends_in_a_conflict_not_an_overwrite()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();
        var read = await VersionAsync(lead.Id);
        await Leads.UpdateAsync(admin, lead.Id, new LeadEditInput { Company = "Première", Country = "FR" }, read);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            Leads.UpdateAsync(admin, lead.Id, new LeadEditInput { Company = "Seconde", Country = "FR" }, read));

        Assert.Equal(ErrorCodes.Concurrency, conflict.Code);
        await using var db = NewDb();
        Assert.Equal("Première", (await db.Leads.SingleAsync(l => l.Id == lead.Id)).Company);
    }

    [Fact]
    public async Task A_note_adds_a_note_activity_and_announces_it()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd), 1)).Single();
        await using var events = await Fixture.RecordEventsAsync();

        var id = await Leads.AddNoteAsync(bd, lead.Id, "  Rappeler après le salon  ");

        var logged = await events.WaitForAsync<ActivityLogged>(e => e.ActivityId == id);
        Assert.Equal((ActivityKind.Note, lead.Id, bd.UserId), (logged.Kind, logged.LeadId!.Value, logged.UserId!.Value));
        await using var db = NewDb();
        var note = await db.Activities.SingleAsync(a => a.Id == id);
        Assert.Equal(("Rappeler après le salon", ActivityKind.Note), (note.Body, note.Kind));
        Assert.Equal(note.OccurredAt, (await db.Leads.SingleAsync(l => l.Id == lead.Id)).LastActivityAt); // as stored (microseconds)
        await Assert.ThrowsAsync<ValidationException>(() => Leads.AddNoteAsync(bd, lead.Id, "   "));
        await Assert.ThrowsAsync<ValidationException>(() => Leads.AddNoteAsync(bd, lead.Id, new string('x', 5001)));
    }

    [Fact]
    public async Task The_timeline_is_newest_first_paged_filtered_and_knows_its_jump_targets()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();
        var t0 = Fixture.Clock.GetUtcNow().AddDays(-10);
        var firstCall = await AddActivityAsync(lead, ActivityKind.Call, t0, CallOutcome.NoAnswer, CallDirection.Outbound);
        var note = await AddActivityAsync(lead, ActivityKind.Note, t0.AddHours(1));
        var reply = await AddActivityAsync(lead, ActivityKind.Email, t0.AddHours(2), direction: CallDirection.Inbound);
        var sameInstantA = await AddActivityAsync(lead, ActivityKind.Note, t0.AddHours(3));
        var sameInstantB = await AddActivityAsync(lead, ActivityKind.Call, t0.AddHours(3), CallOutcome.Interested, CallDirection.Outbound);

        var first = await Leads.GetTimelineAsync(admin, lead.Id, new TimelineQuery(PageSize: 2));
        var second = await Leads.GetTimelineAsync(admin, lead.Id, new TimelineQuery(Before: first.Items[^1].Cursor, PageSize: 2));
        var third = await Leads.GetTimelineAsync(admin, lead.Id, new TimelineQuery(Before: second.Items[^1].Cursor, PageSize: 2));

        var all = first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Id).ToList();
        Assert.Equal(5, all.Distinct().Count());
        Assert.Equal([reply.Id, note.Id, firstCall.Id], all.Skip(2));
        Assert.Equal(new[] { sameInstantA.Id, sameInstantB.Id }.Order(), all.Take(2).Order());
        Assert.True(first.HasMore);
        Assert.False(third.HasMore);
        Assert.Equal((firstCall.Id, reply.Id), (first.FirstContactId!.Value, first.LastReplyId!.Value));

        // Calls logged without a campaign outcome (seeded here, or reported by Aircall) name none.
        Assert.All(first.Items.Concat(second.Items).Concat(third.Items), i => Assert.Null(i.OutcomeLabel));

        var notes = await Leads.GetTimelineAsync(admin, lead.Id, new TimelineQuery(Kinds: new HashSet<ActivityKind> { ActivityKind.Note }));
        Assert.Equal([sameInstantA.Id, note.Id], notes.Items.Select(i => i.Id));
        Assert.Equal(firstCall.Id, notes.FirstContactId); // jump targets ignore the filter
    }
}
