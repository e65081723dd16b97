using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Workspace;

/// <summary>
/// Issue 14, "Working a lead": each outcome's side effects in one transaction, on a lead the BD holds. Refusals and
/// rollbacks: <see cref="WorkspaceOutcomeRefusalTests"/>; the pure rules: <see cref="WorkspaceOutcomeRulesTests"/>.
/// </summary>
public sealed class WorkspaceOutcomesTests(DatabaseFixture fixture) : WorkspaceOutcomesTest(fixture)
{
    [Fact]
    public async Task The_campaigns_outcomes_come_in_order_with_their_digits()
    {
        var (bd, campaign, _, _) = await LockedLeadAsync();

        var outcomes = await Get<IWorkspaceOutcomes>().GetOutcomesAsync(bd, campaign.Id);

        Assert.Equal(["no-answer", "voicemail", "interested", "not-a-fit"], outcomes.Select(o => o.Key));
        Assert.Equal([1, 2, 3, 4], outcomes.Select(o => o.Hotkey ?? 0));
        Assert.True(outcomes.Single(o => o.Key == "interested").RequiresCallbackDate);
        Assert.True(outcomes.Single(o => o.Key == "not-a-fit").RequiresNote);
        Assert.Equal(240, outcomes.Single(o => o.Key == "no-answer").CallbackDelayMinutes);
    }

    [Fact]
    public async Task An_outcome_that_moves_only_the_stage_drops_the_campaign_status_of_the_old_one()
    {
        var (bd, campaign, lead, outcomes) = await LockedLeadAsync();
        var noAnswer = outcomes["no-answer"];
        await using (var db = NewDb())
        {
            // A stage-only outcome, on a lead sitting in the campaign's own "new" status.
            await db.CampaignOutcomes.Where(o => o.Id == noAnswer.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.TargetCampaignStatusId, (Guid?)null));
            var newStatus = await db.CampaignStatuses.Where(s => s.CampaignId == campaign.Id && s.Stage == LeadStatus.New).Select(s => s.Id).FirstAsync();
            await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(l => l.SetProperty(x => x.CampaignStatusId, newStatus));
        }

        var recorded = await Get<IWorkspaceOutcomes>().RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = noAnswer.Id });

        // Kept, the board left the card in "new" although the lead was attempted (decision 0039 places it by stage).
        var saved = await ReadAsync(lead.Id);
        Assert.Equal((LeadStatus.Attempted, (Guid?)null), (saved.Status, saved.CampaignStatusId));
        // And the workspace card: no label, so it shows the stage, not the dropped "new" status it had on screen; nor does
        // the status change on the timeline name one.
        Assert.Null(recorded.StatusLabel);
        Assert.Null((await ActivitiesAsync(lead.Id)).Single(a => a.Kind == ActivityKind.Status).Subject);
    }

    [Fact]
    public async Task An_outcome_that_leaves_the_status_alone_answers_the_label_the_lead_keeps()
    {
        var (bd, campaign, lead, _) = await LockedLeadAsync();
        Guid plain;
        string label;
        await using (var db = NewDb())
        {
            var outcome = new CampaignOutcome { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, Key = "standard", Label = "Standard", Hotkey = 5, SortOrder = 9 };
            db.CampaignOutcomes.Add(outcome);
            await db.SaveChangesAsync();
            plain = outcome.Id;
            var status = await db.CampaignStatuses.Where(s => s.CampaignId == campaign.Id && s.Stage == LeadStatus.New).FirstAsync();
            label = status.Label;
            await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(l => l.SetProperty(x => x.CampaignStatusId, status.Id));
        }

        var recorded = await Get<IWorkspaceOutcomes>().RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = plain });

        // The card takes the label as answered: the lead still sits in its campaign status, so the chip keeps saying so.
        Assert.Equal(label, recorded.StatusLabel);
        Assert.Equal(label, await CampaignStatusLabelAsync(lead.Id));
    }

    [Fact]
    public async Task No_answer_logs_the_call_counts_an_attempt_moves_the_status_and_schedules_the_retry()
    {
        var (bd, campaign, lead, outcomes) = await LockedLeadAsync();
        var noAnswer = outcomes["no-answer"];

        var recorded = await Get<IWorkspaceOutcomes>().RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = noAnswer.Id });

        var saved = await ReadAsync(lead.Id);
        Assert.Equal(1, saved.CallAttempts);
        Assert.Equal(LeadStatus.Attempted, saved.Status);
        Assert.Equal(noAnswer.TargetCampaignStatusId, saved.CampaignStatusId);
        await using (var db = NewDb())
            Assert.Equal(await db.CampaignStatuses.Where(s => s.Id == noAnswer.TargetCampaignStatusId).Select(s => s.Label).SingleAsync(),
                recorded.StatusLabel); // the card shows the campaign's own label at once
        Assert.Equal(Now.AddMinutes(240), saved.NextCallAt);
        Assert.Null(saved.LastContactedAt); // no answer is not a contact
        Assert.Equal(Now, saved.LastActivityAt);
        Assert.Equal(bd.UserId, saved.LockedById); // without Release the BD keeps the lead
        var activities = await ActivitiesAsync(lead.Id);
        var call = activities.Single(a => a.Kind == ActivityKind.Call);
        Assert.Equal(recorded.ActivityId, call.Id);
        Assert.Equal((CallOutcome?)CallOutcome.NoAnswer, call.Outcome);
        Assert.Equal(noAnswer.Id, call.CampaignOutcomeId);
        Assert.Equal((bd.UserId, campaign.Id, campaign.AccountId, Now), (call.UserId!.Value, call.CampaignId!.Value, call.AccountId!.Value, call.OccurredAt));
        var status = activities.Single(a => a.Kind == ActivityKind.Status);
        Assert.Equal((LeadStatus.New, LeadStatus.Attempted), (status.StatusFrom!.Value, status.StatusTo!.Value));
        // The campaign's wording of where the lead went, which the timeline reads as the chip does.
        Assert.Equal(recorded.StatusLabel, status.Subject);
        // The lead's timeline names the call's outcome as the button the BD pressed.
        var timeline = await Get<ILeadService>().GetTimelineAsync(bd, lead.Id, new TimelineQuery());
        Assert.Equal(noAnswer.Label, timeline.Items.Single(i => i.Kind == ActivityKind.Call).OutcomeLabel);
        Assert.Equal((LeadStatus.Attempted, Now.AddMinutes(240), false), (recorded.Status, recorded.NextCallAt, recorded.Released));
    }

    [Fact]
    public async Task Interested_with_its_callback_date_counts_as_contact_and_raises_the_score()
    {
        var (bd, _, lead, outcomes) = await LockedLeadAsync();
        var before = await ReadAsync(lead.Id);
        var callback = Now.AddDays(2);

        await Get<IWorkspaceOutcomes>().RecordAsync(bd,
            new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["interested"].Id, CallbackAt = callback, Note = "  Rappeler jeudi  " });

        var saved = await ReadAsync(lead.Id);
        Assert.Equal(LeadStatus.Interested, saved.Status);
        Assert.Equal(callback, saved.NextCallAt);
        Assert.Equal(Now, saved.LastContactedAt);
        // Positive call and fresh contact are score inputs (LeadScores), saved with the outcome.
        Assert.True(saved.Score > before.Score, $"score {before.Score} -> {saved.Score}");
        var call = (await ActivitiesAsync(lead.Id)).Single(a => a.Kind == ActivityKind.Call);
        Assert.Equal((CallOutcome?)CallOutcome.Interested, call.Outcome);
        Assert.Equal("Rappeler jeudi", call.Body);
    }

    [Fact]
    public async Task Not_a_fit_records_its_required_note_and_closes_the_lead()
    {
        var (bd, campaign, lead, outcomes) = await LockedLeadAsync();

        await Get<IWorkspaceOutcomes>().RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["not-a-fit"].Id, Note = "Budget gelé" });

        var saved = await ReadAsync(lead.Id);
        Assert.Equal(LeadStatus.NotAFit, saved.Status);
        // No callback: the campaign's retry delay schedules the next attempt (the closed status keeps it out of the queue anyway).
        Assert.Equal(Now.AddMinutes(campaign.RetryDelayMinutes), saved.NextCallAt);
        Assert.Equal("Budget gelé", (await ActivitiesAsync(lead.Id)).Single(a => a.Kind == ActivityKind.Call).Body);
    }

    [Fact]
    public async Task An_outcome_without_side_effects_on_the_status_logs_the_call_only()
    {
        var (bd, campaign, lead, _) = await LockedLeadAsync();
        Guid plain;
        await using (var db = NewDb())
        {
            var outcome = new CampaignOutcome { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, Key = "standard", Label = "Standard", Hotkey = 5, SortOrder = 9 };
            db.CampaignOutcomes.Add(outcome);
            await db.SaveChangesAsync();
            plain = outcome.Id;
        }

        var recorded = await Get<IWorkspaceOutcomes>().RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = plain });

        var saved = await ReadAsync(lead.Id);
        Assert.Equal((LeadStatus.New, 1), (saved.Status, saved.CallAttempts));
        var only = Assert.Single(await ActivitiesAsync(lead.Id));
        Assert.Equal((ActivityKind.Call, (CallOutcome?)null), (only.Kind, only.Outcome));
        // No callback and no contact: the retry delay still applies, so the lead does not come straight back to Get Next.
        Assert.Equal(Now.AddMinutes(campaign.RetryDelayMinutes), recorded.NextCallAt);
        // What the workspace card shows comes back with the result: one more attempt, no contact, no new status label.
        Assert.Equal((1, saved.LastContactedAt, (string?)null, saved.Score),
            (recorded.CallAttempts, recorded.LastContactedAt, recorded.StatusLabel, recorded.Score));
    }

    [Fact]
    public async Task Finish_releases_the_lock_in_the_same_transaction_and_announces_everything()
    {
        var (bd, campaign, lead, outcomes) = await LockedLeadAsync();
        await using var events = await Fixture.RecordEventsAsync();

        var recorded = await Get<IWorkspaceOutcomes>().RecordAsync(bd,
            new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["voicemail"].Id, Release = true });

        Assert.True(recorded.Released);
        var saved = await ReadAsync(lead.Id);
        Assert.Equal(((Guid?)null, (DateTimeOffset?)null, (DateTimeOffset?)null), (saved.LockedById, saved.LockedAt, saved.LockExpiresAt));
        Assert.Equal(Now.AddMinutes(1440), saved.NextCallAt);
        await events.WaitForAsync<LeadUnlocked>(e => e.LeadId == lead.Id && e.CampaignId == campaign.Id);
        await events.WaitForAsync<LeadUpdated>(e => e.LeadId == lead.Id);
        await events.WaitForAsync<ActivityLogged>(e => e.ActivityId == recorded.ActivityId && e.Kind == ActivityKind.Call && e.UserId == bd.UserId);
        await events.WaitForAsync<ActivityLogged>(e => e.LeadId == lead.Id && e.Kind == ActivityKind.Status);
    }

    private async Task<string?> CampaignStatusLabelAsync(Guid leadId)
    {
        await using var db = NewDb();
        return await db.Leads.Where(l => l.Id == leadId)
            .Select(l => db.CampaignStatuses.Where(s => s.Id == l.CampaignStatusId).Select(s => s.Label).FirstOrDefault())
            .SingleAsync();
    }
}
