using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Leads;
using Facturix.Infrastructure.Users;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Workspace;

/// <summary>
/// <see cref="IWorkspaceOutcomes"/>: a call outcome and all its consequences in one transaction, on a lead the actor
/// holds. The lead row is locked (<c>FOR UPDATE</c>) before the lease is checked, so a lease lost concurrently
/// (reaper, another BD after expiry) is either seen and refused, or waits for this commit: never half of each.
/// Three round trips in all (the read, <see cref="OutcomeWrites"/>' batch, the commit), like the same cycle by hand.
/// </summary>
internal sealed class WorkspaceOutcomes(
    IDbContextFactory<FacturixDb> dbFactory,
    Npgsql.NpgsqlDataSource dataSource,
    IValidator<OutcomeInput> validator,
    TimeProvider clock) : IWorkspaceOutcomes
{
    public async Task<IReadOnlyList<WorkspaceOutcome>> GetOutcomesAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        actor.Demand(Capability.WorkspaceWork);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Scope.Campaigns(db, actor).AnyAsync(c => c.Id == campaignId, ct))
            throw new NotFoundException("campaign", campaignId);
        return await db.CampaignOutcomes.AsNoTracking()
            .Where(o => o.CampaignId == campaignId)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Hotkey).ThenBy(o => o.Key)
            .Select(o => new WorkspaceOutcome(o.Id, o.Key, o.Label, o.Hotkey, o.RequiresNote, o.RequiresCallbackDate, o.CallbackDelayMinutes))
            .ToListAsync(ct);
    }

    public async Task<OutcomeRecorded> RecordAsync(Actor actor, OutcomeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Capability.WorkspaceWork);
        await validator.ValidateAndThrowAsync(input, ct);

        // Round trips are the cost of the BD's busiest path (issue 14's numbers): one statement reads the lead under its row
        // lock with everything else the outcome needs (OutcomeReads), one batch writes (OutcomeWrites), then the commit. The
        // scope is checked in the read: a lead outside it was locked only until the rollback, and the caller learns no more
        // than "not found" either way.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var chosen = await OutcomeReads.ReadAsync(connection, tx, actor, input.LeadId, input.OutcomeId, ct)
            ?? throw new NotFoundException("lead", input.LeadId);
        var lead = chosen.Lead;
        var now = clock.GetUtcNow();
        if (lead.LockedById != actor.UserId || !lead.IsLockedAt(now))
            throw new ConflictException(ErrorCodes.LeadNotLocked, $"Lead {lead.Id} is not locked by {actor.UserId} at {now:O}.");
        if (chosen.Outcome is null) throw new NotFoundException("outcome", input.OutcomeId);

        var outcome = chosen.Outcome;
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        RequireWhatTheOutcomeNeeds(outcome, note, input.CallbackAt);

        // A correction (another digit in the same hold) amends the hold's call: the first outcome's effects are undone and
        // the corrected one applies as if it had been chosen first; one call, one attempt (decision 0078).
        var amended = input.Amends is { } amends ? await OutcomeAmends.ReadAsync(connection, tx, actor, lead, amends, ct) : null;
        var callAt = amended?.OccurredAt ?? now;
        var call = new Activity
        {
            Id = amended?.Id ?? Guid.CreateVersion7(now),
            LeadId = lead.Id, AccountId = lead.AccountId, CampaignId = lead.CampaignId, UserId = actor.UserId,
            Kind = ActivityKind.Call, Direction = CallDirection.Outbound,
            // A correction without a note keeps the note typed with the first outcome: it was about the same call.
            CampaignOutcomeId = outcome.Id, Outcome = CallOutcomeOf(outcome), Subject = outcome.Label, Body = note ?? amended?.Body,
            OccurredAt = callAt, CreatedAt = callAt,
        };
        var activities = new List<Activity>();
        var events = new List<LiveEvent> { new ActivityLogged(call.Id, call.Kind, lead.Id, lead.CampaignId, actor.UserId) };
        var positiveBefore = chosen.PositiveCalls;
        if (amended is null)
        {
            activities.Add(call);
            lead.CallAttempts++;
        }
        else
        {
            amended.Undo(lead);
            if (LeadScores.CountsAsPositive(amended.AsSaved)) positiveBefore--;
        }

        if (outcome.CountsAsContact) lead.LastContactedAt = callAt;
        if (outcome.TargetCampaignStatusId is { } campaignStatusId) lead.CampaignStatusId = campaignStatusId;
        // The stage change is dated with its call, which is how a later correction finds it (OutcomeAmends).
        if (outcome.TargetStatus is { } status && LeadStatusChanges.Change(lead, status, actor.UserId, callAt) is { } statusChange)
        {
            // A stage-only outcome moved the stage: the campaign status of the old one no longer says where the lead is
            // (decision 0039: without one, it sits in the first status of its stage), as on the lead page.
            if (outcome.TargetCampaignStatusId is null) lead.CampaignStatusId = null;
            // The campaign's wording of where the lead went, as a move from the lead page or the board records it.
            else statusChange.Subject = chosen.TargetLabel;
            activities.Add(statusChange);
            events.Add(new ActivityLogged(statusChange.Id, statusChange.Kind, lead.Id, lead.CampaignId, actor.UserId));
        }
        // The callback this call answered (if any) is spent: the outcome schedules the next one, or the campaign's retry
        // delay does. Set here, not left to last_contacted_at: an attempt that reached nobody (no answer, voicemail) sets
        // no contact, and the lead came straight back to the next BD's Get Next.
        lead.NextCallAt = input.CallbackAt ?? now.AddMinutes(outcome.CallbackDelayMinutes ?? chosen.RetryDelayMinutes);
        lead.LastActivityAt = now;
        lead.UpdatedAt = now;

        var released = input.Release;
        if (released)
        {
            lead.LockedById = null;
            lead.LockedAt = null;
            lead.LockExpiresAt = null;
            events.Add(new LeadUnlocked(lead.Id, lead.CampaignId));
        }
        events.Add(new LeadUpdated(lead.Id, lead.CampaignId));

        // The score counts this call too (LeadScores' rule, the same inputs as ApplyAsync reads once this call is saved).
        var positive = positiveBefore + (LeadScores.CountsAsPositive(call) ? 1 : 0);
        lead.Score = LeadScoring.Compute(new LeadScoreInputs(lead.JobTitle, lead.CompanyEmployees, lead.Country,
            chosen.TargetCountries.ToHashSet(StringComparer.Ordinal), positive, chosen.Replies, lead.LastContactedAt, now)).Total;
        await OutcomeWrites.WriteAsync(connection, tx, lead, activities, events, amended?.Writes(call), ct);
        await tx.CommitAsync(ct);

        return new OutcomeRecorded(call.Id, lead.Id, lead.Status, lead.NextCallAt, released)
        {
            // The label of the campaign status the lead is in now: the outcome's, the one it kept, or none when a stage-only
            // outcome dropped it (the card then shows the stage, as the lead page does).
            StatusLabel = lead.CampaignStatusId is null ? null
                : lead.CampaignStatusId == outcome.TargetCampaignStatusId ? chosen.TargetLabel : chosen.CurrentLabel,
            CallAttempts = lead.CallAttempts,
            LastContactedAt = lead.LastContactedAt,
            Score = lead.Score,
        };
    }

    private static void RequireWhatTheOutcomeNeeds(CampaignOutcome outcome, string? note, DateTimeOffset? callbackAt)
    {
        var failures = new List<ValidationFailure>();
        if (outcome.RequiresNote && note is null)
            failures.Add(new ValidationFailure(nameof(OutcomeInput.Note), ErrorCodes.OutcomeNoteRequired) { ErrorCode = ErrorCodes.OutcomeNoteRequired });
        if (outcome.RequiresCallbackDate && callbackAt is null)
            failures.Add(new ValidationFailure(nameof(OutcomeInput.CallbackAt), ErrorCodes.OutcomeCallbackRequired) { ErrorCode = ErrorCodes.OutcomeCallbackRequired });
        if (failures.Count > 0) throw new ValidationException(failures);
    }

    /// <summary>
    /// The fixed <see cref="CallOutcome"/> a campaign outcome stands for, by its key (the defaults and the usual
    /// names), else by the stage it moves the lead to; null when it says nothing the metrics and the score count.
    /// </summary>
    internal static CallOutcome? CallOutcomeOf(CampaignOutcome outcome) => outcome.Key switch
    {
        "no-answer" => CallOutcome.NoAnswer,
        "voicemail" => CallOutcome.Voicemail,
        "interested" => CallOutcome.Interested,
        "not-a-fit" or "not-interested" => CallOutcome.NotAFit,
        "meeting-booked" or "meeting" => CallOutcome.MeetingBooked,
        "call-back" or "callback" => CallOutcome.CallBack,
        "wrong-number" => CallOutcome.WrongNumber,
        _ => outcome.TargetStatus switch
        {
            LeadStatus.Interested => CallOutcome.Interested,
            LeadStatus.MeetingBooked => CallOutcome.MeetingBooked,
            LeadStatus.NotAFit => CallOutcome.NotAFit,
            _ => null,
        },
    };
}
