using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Facturix.Infrastructure.Leads;

/// <summary>Releasing lead locks as part of a larger change (a deactivation, a removal from a campaign).</summary>
internal static class LeadLocks
{
    /// <summary>
    /// Releases every lock <paramref name="userId"/> holds (in <paramref name="campaignId"/> only, when given) and stages
    /// one <see cref="LeadUnlocked"/> per lead for the caller's <c>SaveChanges</c>. One set-based UPDATE inside the
    /// caller's transaction (required, so the release commits with the change): no row is loaded, and a BD renewing
    /// a lease meanwhile cannot turn the admin's action into a row-version conflict. Returns how many were released.
    /// </summary>
    public static Task<int> ReleaseHeldByAsync(FacturixDb db, Guid userId, Guid? campaignId, CancellationToken ct) =>
        ReleaseAsync(db,
            "WHERE locked_by_id = @user AND (@campaign::uuid IS NULL OR campaign_id = @campaign)",
            command =>
            {
                command.Parameters.AddWithValue("user", userId);
                command.Parameters.Add(new NpgsqlParameter("campaign", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)campaignId ?? DBNull.Value });
            },
            ct);

    /// <summary>
    /// Releases the locks held on <paramref name="leadIds"/> (whoever holds them) and stages one <see cref="LeadUnlocked"/>
    /// per lead that was held, for the caller's <c>SaveChanges</c>: a bulk delete takes the lead away from the BD working
    /// it, whose workspace must let go. Same rules as <see cref="ReleaseHeldByAsync"/>: set-based, inside the caller's transaction.
    /// </summary>
    public static Task<int> ReleaseLeadsAsync(FacturixDb db, IReadOnlyList<Guid> leadIds, CancellationToken ct) =>
        ReleaseAsync(db, "WHERE id = ANY(@ids) AND locked_by_id IS NOT NULL",
            command => command.Parameters.AddWithValue("ids", leadIds.ToArray()), ct);

    /// <summary>Clears the lock columns of the leads <paramref name="where"/> selects and stages a LeadUnlocked for each.</summary>
    private static async Task<int> ReleaseAsync(FacturixDb db, string where, Action<NpgsqlCommand> bind, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Lead locks are released inside the caller's transaction.");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            "UPDATE leads SET locked_by_id = NULL, locked_at = NULL, lock_expires_at = NULL " + where + " RETURNING id, campaign_id",
            connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        bind(command);
        var released = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            db.Publish(new LeadUnlocked(reader.GetGuid(0), reader.GetGuid(1)));
            released++;
        }
        return released;
    }
}
