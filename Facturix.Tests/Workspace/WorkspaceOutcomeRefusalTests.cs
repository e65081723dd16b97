using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Workspace;

/// <summary>
/// Issue 14, "Working a lead": an outcome refused (a required callback or note missing, a past callback, a lead the BD
/// does not hold or loses while recording, an outcome of another campaign) or failing half way writes nothing and
/// announces nothing. What an outcome does: <see cref="WorkspaceOutcomesTests"/>.
/// </summary>
public sealed class WorkspaceOutcomeRefusalTests(DatabaseFixture fixture) : WorkspaceOutcomesTest(fixture)
{
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
