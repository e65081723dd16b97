using System.Globalization;
using System.Text;
using Facturix.Domain.Activities;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Calls;

/// <summary>
/// Turns the stored events of one Aircall call into its one call activity (<c>external_source = 'aircall'</c>,
/// <c>external_id</c> = the call id). It always re-reads every event of the call and rebuilds the activity's fields
/// from them (<see cref="AircallCallState.Fold"/>), so processing twice, or in any order, gives the same activity.
/// A transaction-scoped advisory lock on the call id serialises two instances working on the same call.
/// </summary>
internal sealed class AircallCallProcessor(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock)
{
    public const string Source = "aircall";

    /// <summary>Where a call activity points to its recording: resolved to a fresh link on demand (links in payloads expire).</summary>
    public static string RecordingPointer(long callId, bool voicemail) =>
        $"aircall://calls/{callId.ToString(CultureInfo.InvariantCulture)}/{(voicemail ? "voicemail" : "recording")}";

    public async Task ProcessAsync(long callId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({callId})", ct);

        var events = await db.AircallEvents.Where(e => e.CallId == callId).ToListAsync(ct);
        var snapshots = events.Select(e => AircallPayload.ReadCall(e.Payload)).OfType<AircallCallSnapshot>().ToList();
        if (snapshots.Count == 0)
        {
            await tx.CommitAsync(ct);
            return;
        }
        var state = AircallCallState.Fold(callId, snapshots);
        var now = clock.GetUtcNow();
        var externalId = callId.ToString(CultureInfo.InvariantCulture);

        var activity = await db.Activities.FirstOrDefaultAsync(a => a.ExternalSource == Source && a.ExternalId == externalId, ct);
        var bdId = state.UserId is { } aircallUser
            ? await db.Users.Where(u => u.AircallUserId == aircallUser).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct)
            : null;
        if (activity is null)
        {
            activity = new Activity
            {
                Id = Guid.CreateVersion7(), Kind = ActivityKind.Call, ExternalSource = Source, ExternalId = externalId, CreatedAt = now,
            };
            db.Activities.Add(activity);
        }
        activity.UserId ??= bdId;
        if (activity.LeadId is null && bdId is { } bd)
        {
            // Matched once; a manager's attach or an earlier match is never undone by a later event.
            var lead = await MatchAsync(db, bd, state.RawDigits, now, ct);
            if (lead is not null)
                (activity.LeadId, activity.CampaignId, activity.AccountId) = (lead.Value.Id, lead.Value.CampaignId, lead.Value.AccountId);
        }
        Apply(activity, state, now);

        foreach (var e in events) e.ProcessedAt = now;
        db.Publish(new ActivityLogged(activity.Id, ActivityKind.Call, activity.LeadId, activity.CampaignId, activity.UserId));
        if (activity.LeadId is { } leadId && activity.CampaignId is { } campaignId)
            db.Publish(new LeadUpdated(leadId, campaignId));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The lead the BD holds right now (their live lease), else a lead of their campaigns whose E.164 phone is the
    /// call's number (Aircall's <c>raw_digits</c> has spaces: "+33 1 23 45 67 89"), the most recently touched first.
    /// </summary>
    internal static async Task<(Guid Id, Guid CampaignId, Guid AccountId)?> MatchAsync(
        FacturixDb db, Guid bdId, string? rawDigits, DateTimeOffset now, CancellationToken ct)
    {
        var locked = await db.Leads
            .Where(l => l.LockedById == bdId && l.LockExpiresAt > now)
            .OrderByDescending(l => l.LockedAt)
            .Select(l => new { l.Id, l.CampaignId, l.AccountId })
            .FirstOrDefaultAsync(ct);
        if (locked is not null) return (locked.Id, locked.CampaignId, locked.AccountId);

        if (NormalizeNumber(rawDigits) is not { } e164) return null;
        var byPhone = await db.Leads
            .Where(l => l.Phone == e164 && db.CampaignAssignments.Any(a => a.CampaignId == l.CampaignId && a.UserId == bdId))
            .OrderByDescending(l => l.UpdatedAt)
            .Select(l => new { l.Id, l.CampaignId, l.AccountId })
            .FirstOrDefaultAsync(ct);
        return byPhone is null ? null : (byPhone.Id, byPhone.CampaignId, byPhone.AccountId);
    }

    /// <summary>"+33 1 23 45 67 89" → "+33123456789"; Aircall's raw digits are international, so no default region.</summary>
    internal static string? NormalizeNumber(string? rawDigits)
    {
        if (string.IsNullOrWhiteSpace(rawDigits)) return null;
        return E164.Read(rawDigits, null).E164;
    }

    private static void Apply(Activity activity, AircallCallState state, DateTimeOffset now)
    {
        activity.Direction = state.Direction switch
        {
            "inbound" => CallDirection.Inbound,
            "outbound" => CallDirection.Outbound,
            _ => activity.Direction,
        };
        activity.OccurredAt = state.StartedAt is { } started
            ? DateTimeOffset.FromUnixTimeSeconds(started)
            : state.FirstTimestamp > 0 ? DateTimeOffset.FromUnixTimeSeconds(state.FirstTimestamp) : now;
        activity.DurationSeconds = state.Duration;
        // Answered calls get their outcome from the BD in the workspace; a missed one is a no-answer (or a voicemail left).
        activity.Outcome = state.Missed
            ? state.HasVoicemail && state.Direction == "inbound" ? CallOutcome.Voicemail : CallOutcome.NoAnswer
            : activity.Outcome is CallOutcome.NoAnswer or CallOutcome.Voicemail && state.Answered ? null : activity.Outcome;
        activity.Subject = NormalizeNumber(state.RawDigits) ?? TextClip.Clip(state.RawDigits, 300);
        activity.Body = Describe(state);
        activity.RecordingUrl = state.HasRecording ? RecordingPointer(state.CallId, voicemail: false)
            : state.HasVoicemail ? RecordingPointer(state.CallId, voicemail: true)
            : null;
    }

    /// <summary>
    /// The body keeps Aircall's words as data (the timeline words them): "missed: {missed_call_reason}", then the
    /// comments one per line, then the tags as "#tag".
    /// </summary>
    internal static string? Describe(AircallCallState state)
    {
        var text = new StringBuilder();
        if (state.Missed && state.MissedCallReason is { } reason) text.Append("missed: ").AppendLine(reason);
        foreach (var comment in state.Comments) text.AppendLine(comment);
        if (state.Tags.Count > 0) text.AppendLine(string.Join(' ', state.Tags.Select(t => "#" + t)));
        return text.Length == 0 ? null : text.ToString().TrimEnd();
    }

}
