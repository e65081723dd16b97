using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Npgsql;

namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// Sends live events with NOTIFY inside the caller's open transaction: PostgreSQL delivers them when that
/// transaction commits and drops them if it rolls back, so an event is seen if and only if its change is.
/// This is the one place that writes NOTIFY; <see cref="FacturixDb"/> uses it for <c>SaveChangesAsync</c> and
/// <c>PublishNowAsync</c>. Use it directly only from raw Npgsql code (COPY, hand-written batches):
/// <code>
/// await using var tx = await connection.BeginTransactionAsync(ct);
/// // ... COPY / raw statements on connection ...
/// await LiveEventPublisher.PublishAsync(connection, tx, [new LeadsImported(campaignId, count)], ct);
/// await tx.CommitAsync(ct);
/// </code>
/// </summary>
public static class LiveEventPublisher
{
    // One round trip for any number of events; unnest keeps their order.
    private const string NotifySql = "SELECT pg_notify(@channel, payload) FROM unnest(@payloads) AS payload";

    /// <summary>
    /// Announces <paramref name="events"/> at the commit of <paramref name="transaction"/>. Every payload is
    /// checked (<see cref="LiveEventTooLargeException"/>) before anything is sent; let the exception end the
    /// transaction, and the change fails as a whole. Finish any COPY on the connection first.
    /// </summary>
    public static async Task PublishAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<LiveEvent> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        EnsureOpen(connection, transaction);

        var payloads = LiveEventPayload.SerializeForNotify(events);
        if (payloads.Length == 0) return;

        await using var command = new NpgsqlCommand(NotifySql, connection, transaction);
        command.Parameters.AddWithValue("channel", FacturixDb.LiveEventChannel);
        command.Parameters.AddWithValue("payloads", payloads);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The same NOTIFY as a command of the caller's <see cref="NpgsqlBatch"/>, so hand-written writes and their
    /// announcement share one round trip (the workspace's outcome); null when there is nothing to announce. The batch must
    /// run inside the transaction that makes the change, like <see cref="PublishAsync"/>.
    /// </summary>
    public static NpgsqlBatchCommand? NotifyCommand(IEnumerable<LiveEvent> events)
    {
        var payloads = LiveEventPayload.SerializeForNotify(events);
        if (payloads.Length == 0) return null;
        var command = new NpgsqlBatchCommand(NotifySql);
        command.Parameters.AddWithValue("channel", FacturixDb.LiveEventChannel);
        command.Parameters.AddWithValue("payloads", payloads);
        return command;
    }

    private static void EnsureOpen(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        const string rule = "Live events are published inside the open transaction of the connection that makes the change";
        try
        {
            // Npgsql answers IsolationLevel only while the transaction is open: the public way to ask. Outside
            // one, NOTIFY would go out at once, announcing a change that may never commit.
            _ = transaction.IsolationLevel;
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{rule}; this transaction is already committed, rolled back or disposed.", ex);
        }
        if (!ReferenceEquals(transaction.Connection, connection))
            throw new InvalidOperationException($"{rule}; this transaction belongs to another connection.");
    }
}
