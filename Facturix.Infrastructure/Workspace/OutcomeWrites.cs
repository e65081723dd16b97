using Facturix.Domain.Activities;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.LiveEvents;
using Npgsql;
using NpgsqlTypes;

namespace Facturix.Infrastructure.Workspace;

/// <summary>
/// The writes of a call outcome as one <see cref="NpgsqlBatch"/>: its activities, the lead's new state and the live events,
/// in a single round trip inside the outcome's transaction. The busiest write of the product (every call of every BD),
/// so it skips EF's change tracking and update pipeline (issue 14's numbers); the values are decided in C# by the
/// same rules as elsewhere (<see cref="Leads.LeadStatusChanges"/>, <see cref="LeadScoring"/>) on a row locked FOR UPDATE.
/// </summary>
internal static class OutcomeWrites
{
    private const string InsertActivity = """
        INSERT INTO activities (id, lead_id, account_id, campaign_id, user_id, kind, outcome, campaign_outcome_id, status_from,
            status_to, subject, body, direction, occurred_at, created_at, client_visible)
        VALUES (@id, @lead, @account, @campaign, @user, @kind, @outcome, @campaign_outcome, @status_from,
            @status_to, @subject, @body, @direction, @occurred_at, @created_at, @client_visible)
        """;

    private const string UpdateLead = """
        UPDATE leads SET status = @status, campaign_status_id = @campaign_status, call_attempts = @attempts,
            last_contacted_at = @last_contacted, last_activity_at = @last_activity, next_call_at = @next_call, score = @score,
            updated_at = @updated, locked_by_id = @locked_by, locked_at = @locked_at, lock_expires_at = @lock_expires
        WHERE id = @id
        """;

    /// <param name="first">Commands run before the inserts in the same batch (a correction's rewrite of its call, OutcomeAmends).</param>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Lead lead,
        IEnumerable<Activity> activities, IEnumerable<LiveEvent> events, IEnumerable<NpgsqlBatchCommand>? first, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in first ?? []) batch.BatchCommands.Add(command);
        foreach (var activity in activities) batch.BatchCommands.Add(Insert(activity));
        batch.BatchCommands.Add(Update(lead));
        if (LiveEventPublisher.NotifyCommand(events) is { } notify) batch.BatchCommands.Add(notify);
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Insert(Activity a)
    {
        var command = new NpgsqlBatchCommand(InsertActivity);
        var p = command.Parameters;
        p.AddWithValue("id", a.Id);
        p.Add(Nullable("lead", NpgsqlDbType.Uuid, a.LeadId));
        p.Add(Nullable("account", NpgsqlDbType.Uuid, a.AccountId));
        p.Add(Nullable("campaign", NpgsqlDbType.Uuid, a.CampaignId));
        p.Add(Nullable("user", NpgsqlDbType.Uuid, a.UserId));
        // Enums are stored as their names (FacturixDb's conventions).
        p.AddWithValue("kind", a.Kind.ToString());
        p.Add(Nullable("outcome", NpgsqlDbType.Text, a.Outcome?.ToString()));
        p.Add(Nullable("campaign_outcome", NpgsqlDbType.Uuid, a.CampaignOutcomeId));
        p.Add(Nullable("status_from", NpgsqlDbType.Text, a.StatusFrom?.ToString()));
        p.Add(Nullable("status_to", NpgsqlDbType.Text, a.StatusTo?.ToString()));
        p.Add(Nullable("subject", NpgsqlDbType.Text, a.Subject));
        p.Add(Nullable("body", NpgsqlDbType.Text, a.Body));
        p.Add(Nullable("direction", NpgsqlDbType.Text, a.Direction?.ToString()));
        p.AddWithValue("occurred_at", a.OccurredAt);
        p.AddWithValue("created_at", a.CreatedAt);
        p.AddWithValue("client_visible", a.ClientVisible);
        return command;
    }

    private static NpgsqlBatchCommand Update(Lead lead)
    {
        var command = new NpgsqlBatchCommand(UpdateLead);
        var p = command.Parameters;
        p.AddWithValue("id", lead.Id);
        p.AddWithValue("status", lead.Status.ToString());
        p.Add(Nullable("campaign_status", NpgsqlDbType.Uuid, lead.CampaignStatusId));
        p.AddWithValue("attempts", lead.CallAttempts);
        p.Add(Nullable("last_contacted", NpgsqlDbType.TimestampTz, lead.LastContactedAt));
        p.Add(Nullable("last_activity", NpgsqlDbType.TimestampTz, lead.LastActivityAt));
        p.Add(Nullable("next_call", NpgsqlDbType.TimestampTz, lead.NextCallAt));
        p.AddWithValue("score", lead.Score);
        p.AddWithValue("updated", lead.UpdatedAt);
        p.Add(Nullable("locked_by", NpgsqlDbType.Uuid, lead.LockedById));
        p.Add(Nullable("locked_at", NpgsqlDbType.TimestampTz, lead.LockedAt));
        p.Add(Nullable("lock_expires", NpgsqlDbType.TimestampTz, lead.LockExpiresAt));
        return command;
    }

    private static NpgsqlParameter Nullable<T>(string name, NpgsqlDbType type, T? value) =>
        new(name, type) { Value = (object?)value ?? DBNull.Value };
}
