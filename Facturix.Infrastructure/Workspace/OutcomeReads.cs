using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Leads;
using Facturix.Infrastructure.Users;
using Npgsql;

namespace Facturix.Infrastructure.Workspace;

/// <summary>What a call outcome needs, read in one statement with the lead locked FOR UPDATE.</summary>
internal sealed record OutcomeContext(
    Lead Lead, int RetryDelayMinutes, IReadOnlyList<string> TargetCountries, CampaignOutcome? Outcome, string? TargetLabel,
    int PositiveCalls, int Replies, string? CurrentLabel);

/// <summary>
/// The outcome's read by hand-written SQL, the counterpart of <see cref="OutcomeWrites"/>: the lead's row under its lock,
/// its campaign if it is in the actor's scope (<see cref="Scope.CampaignSql"/>), the chosen outcome with its target
/// label, the label of the campaign status the lead is in now, and the score's stored inputs (<see cref="LeadScores.IsPositiveCallSql"/>, <see cref="LeadScores.IsReplySql"/>).
/// </summary>
internal static class OutcomeReads
{
    private static readonly string Sql = $"""
        SELECT l.campaign_id, l.account_id, l.status, l.campaign_status_id, l.locked_by_id, l.locked_at, l.lock_expires_at,
            l.call_attempts, l.last_contacted_at, l.last_activity_at, l.next_call_at, l.job_title, l.company_employees, l.country,
            l.score, l.updated_at,
            c.retry_delay_minutes, c.target_countries,
            o.id, o.key, o.label, o.target_status, o.target_campaign_status_id, o.callback_delay_minutes, o.requires_callback_date,
            o.requires_note, o.counts_as_contact, o.counts_as_conversion,
            (SELECT cs.label FROM campaign_statuses cs WHERE cs.id = o.target_campaign_status_id),
            (SELECT count(*) FROM activities a WHERE a.lead_id = l.id AND {LeadScores.IsPositiveCallSql}),
            (SELECT count(*) FROM activities a WHERE a.lead_id = l.id AND {LeadScores.IsReplySql}),
            (SELECT cs.label FROM campaign_statuses cs WHERE cs.id = l.campaign_status_id)
        FROM leads l
        JOIN campaigns c ON c.id = l.campaign_id AND {Scope.CampaignSql("c")}
        LEFT JOIN campaign_outcomes o ON o.id = @outcome AND o.campaign_id = l.campaign_id
        WHERE l.id = @lead
        FOR UPDATE OF l
        """;

    /// <summary>Null when the lead does not exist or is outside the actor's scope (the caller says "not found" for both).</summary>
    public static async Task<OutcomeContext?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Actor actor,
        Guid leadId, Guid outcomeId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddWithValue("lead", leadId);
        command.Parameters.AddWithValue("outcome", outcomeId);
        Scope.AddCampaignParameters(command.Parameters, actor);
        await command.PrepareAsync(ct);
        await using var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;

        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        Guid? Id(int i) => r.IsDBNull(i) ? null : r.GetGuid(i);
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
        int? Number(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

        var lead = new Lead
        {
            Id = leadId, CampaignId = r.GetGuid(0), AccountId = r.GetGuid(1), Status = Enum.Parse<LeadStatus>(r.GetString(2)),
            CampaignStatusId = Id(3), LockedById = Id(4), LockedAt = Time(5), LockExpiresAt = Time(6), CallAttempts = r.GetInt32(7),
            LastContactedAt = Time(8), LastActivityAt = Time(9), NextCallAt = Time(10), JobTitle = Text(11),
            CompanyEmployees = Number(12), Country = r.GetString(13).Trim(), Score = r.GetInt32(14),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(15),
            // Not read: the outcome writes none of the lead's contact fields (OutcomeWrites lists what it writes).
            Company = "",
        };
        var outcome = r.IsDBNull(18) ? null : new CampaignOutcome
        {
            Id = r.GetGuid(18), CampaignId = lead.CampaignId, Key = r.GetString(19), Label = r.GetString(20),
            TargetStatus = r.IsDBNull(21) ? null : Enum.Parse<LeadStatus>(r.GetString(21)), TargetCampaignStatusId = Id(22),
            CallbackDelayMinutes = Number(23), RequiresCallbackDate = r.GetBoolean(24), RequiresNote = r.GetBoolean(25),
            CountsAsContact = r.GetBoolean(26), CountsAsConversion = r.GetBoolean(27),
        };
        return new OutcomeContext(lead, r.GetInt32(16), r.GetFieldValue<string[]>(17), outcome, Text(28),
            (int)r.GetInt64(29), (int)r.GetInt64(30), Text(31));
    }
}
