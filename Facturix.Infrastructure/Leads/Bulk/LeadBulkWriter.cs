using Facturix.Domain.Activities;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Facturix.Infrastructure.Leads.Bulk;

/// <summary>
/// Applies one bulk action to a set of lead ids, set-based (one or two statements whatever the count, never one
/// SaveChanges per lead), inside the caller's open transaction. Returns how many leads changed and their campaigns.
/// </summary>
internal static class LeadBulkWriter
{
    public sealed record Outcome(int Affected, IReadOnlyList<Guid> CampaignIds);

    public static async Task<Outcome> ApplyAsync(
        FacturixDb db, Guid userId, IReadOnlyList<Guid> ids, LeadBulkAction action, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A bulk action runs inside the caller's transaction.");
        if (ids.Count == 0) return new Outcome(0, []);
        var idArray = ids.ToArray();
        var campaignIds = await db.Leads.Where(l => idArray.Contains(l.Id)).Select(l => l.CampaignId).Distinct().ToListAsync(ct);

        var affected = action switch
        {
            LeadBulkAction.AssignOwner assign => await db.Leads.Where(l => idArray.Contains(l.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.OwnerId, assign.OwnerId).SetProperty(l => l.UpdatedAt, now), ct),
            LeadBulkAction.SetCallback callback => await db.Leads.Where(l => idArray.Contains(l.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.NextCallAt, callback.NextCallAt).SetProperty(l => l.UpdatedAt, now), ct),
            LeadBulkAction.ChangeStatus status => await ExecuteAsync(db, ChangeStatusSql, ct,
                ("ids", idArray), ("stage", status.Stage.ToString()), ("status", (object?)status.CampaignStatusId ?? DBNull.Value),
                ("now", now), ("user", userId), ("kind", nameof(ActivityKind.Status))),
            LeadBulkAction.AddNote note => await ExecuteAsync(db, AddNoteSql, ct,
                ("ids", idArray), ("body", note.Text.Trim()), ("now", now), ("user", userId), ("kind", nameof(ActivityKind.Note))),
            LeadBulkAction.Delete => await DeleteAsync(db, idArray, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown bulk action."),
        };
        return new Outcome(affected, campaignIds);
    }

    private static async Task<int> DeleteAsync(FacturixDb db, Guid[] ids, CancellationToken ct)
    {
        // Whoever works one of these leads lets go of it first (their workspace hears LeadUnlocked); activities,
        // tasks and duplicate memberships go with the lead (foreign keys ON DELETE CASCADE).
        await LeadLocks.ReleaseLeadsAsync(db, ids, ct);
        return await db.Leads.Where(l => ids.Contains(l.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Moves the leads and logs one status activity per lead that changed, with its stage before and the campaign status's
    /// label as its subject (the timeline's wording, ADR 0103), in one statement. Leads already at that status (and
    /// campaign status) are left alone and not counted.
    /// </summary>
    private const string ChangeStatusSql = """
        WITH old AS (
            SELECT id, status FROM leads WHERE id = ANY(@ids) FOR UPDATE
        ), changed AS (
            UPDATE leads l SET status = @stage, campaign_status_id = @status, updated_at = @now, last_activity_at = @now
            FROM old
            WHERE l.id = old.id AND (l.status <> @stage OR l.campaign_status_id IS DISTINCT FROM @status)
            RETURNING l.id, l.account_id, l.campaign_id, old.status AS old_status
        )
        INSERT INTO activities (id, lead_id, account_id, campaign_id, user_id, kind, status_from, status_to, subject, occurred_at, created_at, client_visible)
        SELECT gen_random_uuid(), id, account_id, campaign_id, @user, @kind, old_status, @stage,
               (SELECT label FROM campaign_statuses WHERE id = @status), @now, @now, false
        FROM changed
        """;

    private const string AddNoteSql = """
        WITH touched AS (
            UPDATE leads SET last_activity_at = @now WHERE id = ANY(@ids) RETURNING id, account_id, campaign_id
        )
        INSERT INTO activities (id, lead_id, account_id, campaign_id, user_id, kind, body, occurred_at, created_at, client_visible)
        SELECT gen_random_uuid(), id, account_id, campaign_id, @user, @kind, @body, @now, @now, false FROM touched
        """;

    private static async Task<int> ExecuteAsync(FacturixDb db, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        foreach (var (name, value) in parameters)
            command.Parameters.Add(value is DBNull
                ? new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Uuid) { Value = DBNull.Value }
                : new NpgsqlParameter(name, value));
        return await command.ExecuteNonQueryAsync(ct);
    }
}
