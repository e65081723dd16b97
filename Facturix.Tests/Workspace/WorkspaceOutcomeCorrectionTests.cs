using Facturix.Domain.Activities;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Workspace;

/// <summary>
/// Another digit in the same hold corrects the outcome (decision 0078): the hold's call is amended, not doubled; the lead
/// ends where the corrected outcome alone would have put it; the dashboard's rollup and the live events follow.
/// </summary>
public sealed class WorkspaceOutcomeCorrectionTests(DatabaseFixture fixture) : WorkspaceOutcomesTest(fixture)
{
    private IWorkspaceOutcomes Outcomes => Get<IWorkspaceOutcomes>();

    [Fact]
    public async Task Interested_corrected_to_no_answer_leaves_one_no_answer_call_one_attempt_and_the_lead_attempted()
    {
        var (bd, campaign, lead, outcomes) = await LockedLeadAsync();
        var first = await Outcomes.RecordAsync(bd, new OutcomeInput
        {
            LeadId = lead.Id, OutcomeId = outcomes["interested"].Id, CallbackAt = Now.AddDays(2), Note = "Rappeler jeudi",
        });
        var calledAt = Now;
        Fixture.Clock.Advance(TimeSpan.FromSeconds(4));
        await using var events = await Fixture.RecordEventsAsync();

        var corrected = await Outcomes.RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["no-answer"].Id, Amends = first.ActivityId });

        var activities = await ActivitiesAsync(lead.Id);
        var call = Assert.Single(activities, a => a.Kind == ActivityKind.Call);
        Assert.Equal((first.ActivityId, first.ActivityId), (corrected.ActivityId, call.Id));
        Assert.Equal(((CallOutcome?)CallOutcome.NoAnswer, outcomes["no-answer"].Id, calledAt), (call.Outcome, call.CampaignOutcomeId!.Value, call.OccurredAt));
        Assert.Equal("Rappeler jeudi", call.Body); // the note was about the same call
        // The stage change to Interested is gone with the outcome that made it; the lead went from New to Attempted, once.
        var status = Assert.Single(activities, a => a.Kind == ActivityKind.Status);
        Assert.Equal((LeadStatus.New, LeadStatus.Attempted), (status.StatusFrom!.Value, status.StatusTo!.Value));

        var saved = await ReadAsync(lead.Id);
        Assert.Equal((1, LeadStatus.Attempted, outcomes["no-answer"].TargetCampaignStatusId), (saved.CallAttempts, saved.Status, saved.CampaignStatusId));
        Assert.Equal(Now.AddMinutes(240), saved.NextCallAt); // the no-answer's retry, not the interested callback
        Assert.Null(saved.LastContactedAt);                   // no answer is no contact: the first outcome's contact is undone
        Assert.Equal(bd.UserId, saved.LockedById);
        var expected = LeadScoring.Compute(new LeadScoreInputs(saved.JobTitle, saved.CompanyEmployees, saved.Country,
            campaign.TargetCountries.ToHashSet(StringComparer.Ordinal), 0, 0, null, Now)).Total;
        Assert.Equal(expected, saved.Score);
        Assert.True(first.Score > saved.Score, $"the interested call's score {first.Score} should have been taken back ({saved.Score})");
        Assert.Equal((LeadStatus.Attempted, 1, expected, (DateTimeOffset?)null), (corrected.Status, corrected.CallAttempts, corrected.Score, corrected.LastContactedAt));

        // The dashboard's rollup (kept by triggers) counts one call and no contact.
        await using (var db = NewDb())
        {
            Assert.Equal(1, await db.Database.SqlQuery<int>($"SELECT coalesce(sum(calls), 0)::int AS \"Value\" FROM activity_daily WHERE user_id = {bd.UserId}").SingleAsync());
            Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT coalesce(sum(contacts), 0)::int AS \"Value\" FROM activity_daily WHERE user_id = {bd.UserId}").SingleAsync());
        }
        // Timelines and dashboards reload: the call is announced again, with the lead.
        await events.WaitForAsync<ActivityLogged>(e => e.ActivityId == first.ActivityId);
        await events.WaitForAsync<LeadUpdated>(e => e.LeadId == lead.Id);
    }

    [Fact]
    public async Task No_answer_corrected_to_interested_then_finished_is_one_interested_contact_and_one_attempt()
    {
        var (bd, _, lead, outcomes) = await LockedLeadAsync();
        var first = await Outcomes.RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["no-answer"].Id });
        var calledAt = Now;
        Fixture.Clock.Advance(TimeSpan.FromSeconds(3));
        var callback = Now.AddDays(1);

        var corrected = await Outcomes.RecordAsync(bd, new OutcomeInput
        {
            LeadId = lead.Id, OutcomeId = outcomes["interested"].Id, CallbackAt = callback, Release = true, Amends = first.ActivityId,
        });

        var activities = await ActivitiesAsync(lead.Id);
        var call = Assert.Single(activities, a => a.Kind == ActivityKind.Call);
        Assert.Equal((CallOutcome?)CallOutcome.Interested, call.Outcome);
        var status = Assert.Single(activities, a => a.Kind == ActivityKind.Status);
        Assert.Equal((LeadStatus.New, LeadStatus.Interested, calledAt), (status.StatusFrom!.Value, status.StatusTo!.Value, status.OccurredAt));
        var saved = await ReadAsync(lead.Id);
        Assert.Equal((1, LeadStatus.Interested, callback, (DateTimeOffset?)calledAt), (saved.CallAttempts, saved.Status, saved.NextCallAt, saved.LastContactedAt));
        Assert.Equal(outcomes["interested"].TargetCampaignStatusId, saved.CampaignStatusId);
        Assert.Null(saved.LockedById); // Finish's release went with the correction
        Assert.True(corrected.Released);
        Assert.True(corrected.Score > first.Score, "a positive call raises the score");
    }

    [Fact]
    public async Task A_call_of_an_earlier_hold_is_not_amended_a_new_call_is_logged()
    {
        var (bd, _, lead, outcomes) = await LockedLeadAsync();
        var first = await Outcomes.RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["no-answer"].Id, Release = true });
        Fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await using (var db = NewDb()) await OutcomeTestData.LockAsync(db, lead, bd, Now); // a new hold

        var second = await Outcomes.RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["voicemail"].Id, Amends = first.ActivityId });

        Assert.NotEqual(first.ActivityId, second.ActivityId);
        var calls = (await ActivitiesAsync(lead.Id)).Where(a => a.Kind == ActivityKind.Call).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal((CallOutcome?)CallOutcome.NoAnswer, calls.Single(c => c.Id == first.ActivityId).Outcome);
        Assert.Equal(2, (await ReadAsync(lead.Id)).CallAttempts);
    }

    [Fact]
    public async Task Another_bds_call_is_never_amended()
    {
        var (bd, _, lead, outcomes) = await LockedLeadAsync();
        var first = await Outcomes.RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["no-answer"].Id, Release = true });
        var other = await Given.UserAsync(Domain.Users.Roles.Admin);
        await using (var db = NewDb()) await OutcomeTestData.LockAsync(db, lead, other, Now);

        var second = await Outcomes.RecordAsync(other, new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["voicemail"].Id, Amends = first.ActivityId });

        Assert.NotEqual(first.ActivityId, second.ActivityId);
        Assert.Equal(2, (await ReadAsync(lead.Id)).CallAttempts);
    }
}
