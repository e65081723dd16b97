using Npgsql;

namespace Facturix.Infrastructure.LiveEvents;

/// <summary>How the listener's one long-lived connection differs from the app's pooled ones.</summary>
public static class LiveEventListenerConnection
{
    /// <summary>Its application_name: operators (and tests) find its backend in pg_stat_activity by it.</summary>
    public const string ApplicationName = "facturix-live-events";

    /// <summary>The listener's connection string, derived from the app's so it reaches the same database as the same user.</summary>
    public static string For(string appConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(appConnectionString)
        {
            ApplicationName = ApplicationName,
            // A connection of its own for its whole life: a pool would only hand a dead one back.
            Pooling = false,
            // LISTEN binds notifications to one physical connection; multiplexing shares connections.
            Multiplexing = false,
            // A keepalive query that times out breaks the connection at once instead of waiting for the
            // server to acknowledge a cancel that a dead link will never carry.
            CancellationTimeout = -1,
        };
        if (!IsUnixSocket(builder.Host))
        {
            // The kernel notices a peer that vanished between our own keepalive queries, too.
            builder.TcpKeepAlive = true;
            builder.TcpKeepAliveTime = 30;
            builder.TcpKeepAliveInterval = 10;
        }
        return builder.ConnectionString;
    }

    // TCP options do not apply to a Unix-domain socket (Npgsql reads a Host starting with '/' or '@' as one).
    private static bool IsUnixSocket(string? host) => host is not null && (host.StartsWith('/') || host.StartsWith('@'));
}
