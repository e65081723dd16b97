using Facturix.Domain.Activities;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Npgsql;

namespace Facturix.Infrastructure.Workspace;

/// <summary>
/// A call of the current hold that a corrected outcome amends (decision 0078): what its first outcome did to the lead,
/// so that it can be undone before the corrected one applies.
/// </summary>
/// <param name="StatusActivityId">The stage change the first outcome logged with the call (same user, same instant), if any.</param>
/// <param name="StatusBefore">The stage before that change.</param>
/// <param name="SetCampaignStatus">The first outcome placed the lead in a campaign status (its target), or dropped it (a stage-only change).</param>
/// <param name="ContactBefore">The lead's last contact before this call: the latest other call of an outcome counted as a contact.</param>
internal sealed record AmendedCall(
    Guid Id, DateTimeOffset OccurredAt, CallOutcome? Outcome, string? Body, bool WasContact, bool SetCampaignStatus,
    Guid? StatusActivityId, LeadStatus? StatusBefore, DateTimeOffset? ContactBefore)
{
    /// <summary>The call as its first outcome saved it (the score's "positive call" rule reads kind and outcome).</summary>
    public Activity AsSaved => new() { Id = Id, Kind = ActivityKind.Call, Outcome = Outcome, OccurredAt = OccurredAt };

    /// <summary>Puts <paramref name="lead"/> back where it stood before the first outcome, as far as the rows tell (decision 0078).</summary>
    public void Undo(Lead lead)
    {
        if (StatusBefore is { } status) lead.Status = status;
        // The campaign status it had before is not kept anywhere: the lead sits in its stage's first status (decision 0039)
        // unless the corrected outcome places it.
        if (SetCampaignStatus) lead.CampaignStatusId = null;
        // Only undone when the first outcome is what set it: a later contact from elsewhere stays.
        if (WasContact && lead.LastContactedAt == OccurredAt) lead.LastContactedAt = ContactBefore;
    }

    /// <summary>The batch's first commands: drop the first outcome's stage change, then rewrite the call with the corrected outcome.</summary>
    public IEnumerable<NpgsqlBatchCommand> Writes(Activity corrected)
    {
        if (StatusActivityId is { } statusId)
        {
            var delete = new NpgsqlBatchCommand("DELETE FROM activities WHERE id = @id");
            delete.Parameters.AddWithValue("id", statusId);
            yield return delete;
        }
        var update = new NpgsqlBatchCommand("""
            UPDATE activities SET outcome = @outcome, campaign_outcome_id = @campaign_outcome, subject = @subject, body = @body
            WHERE id = @id
            """);
        update.Parameters.AddWithValue("id", Id);
        update.Parameters.AddWithValue("outcome", (object?)corrected.Outcome?.ToString() ?? DBNull.Value);
        update.Parameters.AddWithValue("campaign_outcome", (object?)corrected.CampaignOutcomeId ?? DBNull.Value);
        update.Parameters.AddWithValue("subject", (object?)corrected.Subject ?? DBNull.Value);
        update.Parameters.AddWithValue("body", (object?)corrected.Body ?? DBNull.Value);
        yield return update;
    }
}

/// <summary>
/// Reads the call a correction amends, in the outcome's transaction after the lead's row is locked. Runs only for a
/// correction (<see cref="Domain.Workspace.OutcomeInput.Amends"/>): the first outcome of a hold, the busy path, reads nothing more.
/// </summary>
internal static class OutcomeAmends
{
    // The call must be the actor's, logged by a workspace outcome (a campaign outcome, no external source) during the
    // current hold (at or after locked_at, which Get Next keeps while the same BD holds the lead), and the lead's last call.
    private static readonly string Sql = $"""
        SELECT a.occurred_at, a.outcome, a.body, coalesce(co.counts_as_contact, false),
            co.target_campaign_status_id IS NOT NULL OR s.id IS NOT NULL,
            s.id, s.status_from,
            (SELECT max(p.occurred_at) FROM activities p JOIN campaign_outcomes po ON po.id = p.campaign_outcome_id
             WHERE p.lead_id = a.lead_id AND p.kind = '{ActivityKind.Call}' AND p.id <> a.id AND po.counts_as_contact)
        FROM activities a
        LEFT JOIN campaign_outcomes co ON co.id = a.campaign_outcome_id
        LEFT JOIN LATERAL (
            SELECT s.id, s.status_from FROM activities s
            WHERE s.lead_id = a.lead_id AND s.kind = '{ActivityKind.Status}' AND s.user_id = a.user_id AND s.occurred_at = a.occurred_at
            ORDER BY s.created_at LIMIT 1) s ON true
        WHERE a.id = @call AND a.lead_id = @lead AND a.user_id = @user AND a.kind = '{ActivityKind.Call}'
          AND a.campaign_outcome_id IS NOT NULL AND a.external_source IS NULL AND a.occurred_at >= @held_since
          AND NOT EXISTS (SELECT 1 FROM activities n
                          WHERE n.lead_id = a.lead_id AND n.kind = '{ActivityKind.Call}' AND n.id <> a.id AND n.occurred_at >= a.occurred_at)
        """;

    /// <summary>The call to amend; null when it is not the last call of the actor's current hold (the caller logs a new call).</summary>
    public static async Task<AmendedCall?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Actor actor,
        Lead lead, Guid callId, CancellationToken ct)
    {
        if (lead.LockedAt is not { } heldSince) return null;
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddWithValue("call", callId);
        command.Parameters.AddWithValue("lead", lead.Id);
        command.Parameters.AddWithValue("user", actor.UserId);
        command.Parameters.AddWithValue("held_since", heldSince);
        await using var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new AmendedCall(
            callId, r.GetFieldValue<DateTimeOffset>(0), r.IsDBNull(1) ? null : Enum.Parse<CallOutcome>(r.GetString(1)),
            r.IsDBNull(2) ? null : r.GetString(2), r.GetBoolean(3), r.GetBoolean(4),
            r.IsDBNull(5) ? null : r.GetGuid(5), r.IsDBNull(6) ? null : Enum.Parse<LeadStatus>(r.GetString(6)),
            r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7));
    }
}
