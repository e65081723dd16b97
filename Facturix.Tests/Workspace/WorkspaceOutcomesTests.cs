using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Workspace;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Workspace;

/// <summary>Issue 14, "Working a lead": each outcome's side effects in one transaction, on a lead the BD holds.</summary>
public sealed class WorkspaceOutcomesTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private DateTimeOffset Now => Fixture.Clock.GetUtcNow();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        OutcomeTestData.ToWholeMicroseconds(Fixture.Clock);
    }

    private async Task<(Actor Bd, Campaign Campaign, Lead Lead, IReadOnlyDictionary<string, CampaignOutcome> Outcomes)> LockedLeadAsync()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await using var db = NewDb();
        var outcomes = await OutcomeTestData.DefaultSetupAsync(db, campaign);
        await OutcomeTestData.LockAsync(db, lead, bd, Now);
        return (bd, campaign, lead, outcomes);
    }

    private async Task<Lead> ReadAsync(Guid leadId)
    {
        await using var db = NewDb();
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Id == leadId);
    }

    private async Task<List<Activity>> ActivitiesAsync(Guid leadId)
    {
        await using var db = NewDb();
        return await db.Activities.AsNoTracking().Where(a => a.LeadId == leadId).OrderBy(a => a.Kind).ToListAsync();
    }

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
    public async Task A_required_callback_missing_writes_nothing()
    {
        var (bd, _, lead, outcomes) = await LockedLeadAsync();
        var before = await ReadAsync(lead.Id);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Get<IWorkspaceOutcomes>().RecordAsync(bd,
            new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["interested"].Id, Note = "Très intéressée" }));

        var failure = Assert.Single(refused.Errors);
        Assert.Equal((nameof(OutcomeInput.CallbackAt), ErrorCodes.OutcomeCallbackRequired), (failure.PropertyName, failure.ErrorCode));
        await AssertUntouchedAsync(before);
    }

    [Fact]
    public async Task A_required_note_missing_writes_nothing()
    {
        var (bd, _, lead, outcomes) = await LockedLeadAsync();
        var before = await ReadAsync(lead.Id);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Get<IWorkspaceOutcomes>().RecordAsync(bd,
            new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["not-a-fit"].Id, Note = "   " }));

        Assert.Equal(ErrorCodes.OutcomeNoteRequired, Assert.Single(refused.Errors).ErrorCode);
        await AssertUntouchedAsync(before);
    }

    [Fact]
    public async Task A_callback_in_the_past_is_refused_before_anything_is_written()
    {
        var (bd, _, lead, outcomes) = await LockedLeadAsync();
        var before = await ReadAsync(lead.Id);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Get<IWorkspaceOutcomes>().RecordAsync(bd,
            new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["interested"].Id, CallbackAt = Now.AddMinutes(-1) }));

        Assert.Equal("workspace.callback-at.past", Assert.Single(refused.Errors).ErrorCode);
        await AssertUntouchedAsync(before);
    }

    [Theory]
    [InlineData("not-locked")]
    [InlineData("someone-else")]
    [InlineData("lease-expired")]
    public async Task A_lead_the_BD_does_not_hold_is_refused_with_its_own_code_and_left_untouched(string situation)
    {
        var (bd, campaign, lead, outcomes) = await LockedLeadAsync();
        var other = await Given.UserAsync(Roles.BusinessDeveloper);
        await using (var db = NewDb())
        {
            switch (situation)
            {
                case "not-locked":
                    await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(l => l.LockedById, (Guid?)null).SetProperty(l => l.LockedAt, (DateTimeOffset?)null)
                        .SetProperty(l => l.LockExpiresAt, (DateTimeOffset?)null));
                    break;
                case "someone-else":
                    await OutcomeTestData.LockAsync(db, lead, other, Now);
                    break;
                case "lease-expired":
                    await OutcomeTestData.LockAsync(db, lead, bd, Now.AddMinutes(-20), TimeSpan.FromMinutes(10));
                    break;
            }
        }
        var before = await ReadAsync(lead.Id);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Get<IWorkspaceOutcomes>().RecordAsync(bd,
            new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["no-answer"].Id }));

        Assert.Equal(ErrorCodes.LeadNotLocked, refused.Code);
        await AssertUntouchedAsync(before);
    }

    [Fact]
    public async Task A_lease_lost_while_the_outcome_is_being_recorded_writes_nothing()
    {
        var (bd, _, lead, outcomes) = await LockedLeadAsync();
        var other = await Given.UserAsync(Roles.BusinessDeveloper);
        var before = await ReadAsync(lead.Id);

        // The reaper and another BD's Get Next take the lead in one transaction that holds the row while RecordAsync starts.
        await using var thief = new NpgsqlConnection(Fixture.ConnectionString);
        await thief.OpenAsync();
        await using var theft = await thief.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("UPDATE leads SET locked_by_id = @other, locked_at = @now, lock_expires_at = @until WHERE id = @id", thief, theft))
        {
            take.Parameters.AddWithValue("other", other.UserId);
            take.Parameters.AddWithValue("now", Now);
            take.Parameters.AddWithValue("until", Now.AddMinutes(10));
            take.Parameters.AddWithValue("id", lead.Id);
            await take.ExecuteNonQueryAsync();
        }
        var recording = Get<IWorkspaceOutcomes>().RecordAsync(bd, new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["no-answer"].Id });
        await Eventually.HoldsAsync(WaitingOnALockAsync, waiting => waiting || recording.IsCompleted, "RecordAsync waiting on the lead's row lock");
        await theft.CommitAsync();

        var refused = await Assert.ThrowsAsync<ConflictException>(() => recording);

        Assert.Equal(ErrorCodes.LeadNotLocked, refused.Code);
        var saved = await ReadAsync(lead.Id);
        Assert.Equal((other.UserId, 0, LeadStatus.New), (saved.LockedById!.Value, saved.CallAttempts, saved.Status));
        Assert.Equal(before.NextCallAt, saved.NextCallAt);
        Assert.Empty(await ActivitiesAsync(lead.Id));
    }

    [Fact]
    public async Task A_failure_after_the_call_was_written_rolls_everything_back()
    {
        var (bd, _, lead, outcomes) = await LockedLeadAsync();
        var before = await ReadAsync(lead.Id);
        await using var events = await Fixture.RecordEventsAsync();
        // The last write of RecordAsync is the score (after the call, attempts, status and callback were written): make it fail.
        await using (var db = NewDb())
            await db.Database.ExecuteSqlRawAsync("""
                CREATE FUNCTION test_refuse_score() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN IF NEW.score IS DISTINCT FROM OLD.score THEN RAISE EXCEPTION 'score write refused by the test'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER test_refuse_score BEFORE UPDATE ON leads FOR EACH ROW EXECUTE FUNCTION test_refuse_score();
                """);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Get<IWorkspaceOutcomes>().RecordAsync(bd,
                new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["interested"].Id, CallbackAt = Now.AddDays(1), Release = true }));
        }
        finally
        {
            await using var db = NewDb();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER test_refuse_score ON leads; DROP FUNCTION test_refuse_score();");
        }

        await AssertUntouchedAsync(before);
        Assert.Equal(before.LockExpiresAt, (await ReadAsync(lead.Id)).LockExpiresAt);
        await events.AssertNoneAsync<LiveEvent>(e => e is LeadUnlocked or LeadUpdated or ActivityLogged);
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

    [Fact]
    public async Task A_refused_outcome_announces_nothing()
    {
        var (bd, _, lead, outcomes) = await LockedLeadAsync();
        await using var events = await Fixture.RecordEventsAsync();

        await Assert.ThrowsAsync<ValidationException>(() => Get<IWorkspaceOutcomes>().RecordAsync(bd,
            new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["interested"].Id, Release = true }));

        await events.AssertNoneAsync<LiveEvent>(e => e is LeadUnlocked or LeadUpdated or ActivityLogged);
    }

    [Fact]
    public async Task An_outcome_of_another_campaign_is_not_found()
    {
        var (bd, _, lead, _) = await LockedLeadAsync();
        var elsewhere = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        await using var db = NewDb();
        var foreign = await OutcomeTestData.DefaultSetupAsync(db, elsewhere);

        await Assert.ThrowsAsync<NotFoundException>(() => Get<IWorkspaceOutcomes>().RecordAsync(bd,
            new OutcomeInput { LeadId = lead.Id, OutcomeId = foreign["no-answer"].Id }));
        Assert.Equal(0, (await ReadAsync(lead.Id)).CallAttempts);
    }

    [Theory]
    [InlineData("no-answer", null, CallOutcome.NoAnswer)]
    [InlineData("wrong-number", null, CallOutcome.WrongNumber)]
    [InlineData("rdv", LeadStatus.MeetingBooked, CallOutcome.MeetingBooked)]
    [InlineData("refus-net", LeadStatus.NotAFit, CallOutcome.NotAFit)]
    public void A_campaign_outcome_maps_to_the_fixed_outcome_it_stands_for(string key, LeadStatus? target, CallOutcome expected) =>
        Assert.Equal(expected, WorkspaceOutcomes.CallOutcomeOf(new CampaignOutcome { Key = key, Label = key, TargetStatus = target }));

    [Fact]
    public void A_campaign_outcome_that_says_nothing_countable_maps_to_none() =>
        Assert.Null(WorkspaceOutcomes.CallOutcomeOf(new CampaignOutcome { Key = "standard", Label = "Standard", TargetStatus = LeadStatus.Attempted }));

    [Fact]
    public void The_validator_refuses_a_long_note_and_a_past_callback_with_codes()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
        var validator = new OutcomeInputValidator(clock);

        var result = validator.Validate(new OutcomeInput { Note = new string('x', OutcomeInputValidator.NoteMaxLength + 1), CallbackAt = clock.GetUtcNow() });

        Assert.Equal(["workspace.note.too-long", "workspace.callback-at.past"], result.Errors.Select(e => e.ErrorCode));
        Assert.True(validator.Validate(new OutcomeInput { Note = "ok", CallbackAt = clock.GetUtcNow().AddMinutes(1) }).IsValid);
    }

    private async Task<bool> WaitingOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private async Task AssertUntouchedAsync(Lead before)
    {
        var after = await ReadAsync(before.Id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal((before.CallAttempts, before.Status, before.NextCallAt, before.LockedById), (after.CallAttempts, after.Status, after.NextCallAt, after.LockedById));
        Assert.Empty(await ActivitiesAsync(before.Id));
    }
}
