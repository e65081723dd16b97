using Facturix.Infrastructure.LiveEvents;
using Npgsql;

namespace Facturix.Tests.Support;

/// <summary>Cuts the live-event listener's connection from the server side, as a database restart or failover would.</summary>
public static class LiveEventListenerKiller
{
    /// <summary>Terminates the listener backends of the database <paramref name="connectionString"/> names; returns how many.</summary>
    public static async Task<int> TerminateAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int
            FROM pg_stat_activity
            WHERE application_name = @app AND datname = current_database()
            """, connection);
        terminate.Parameters.AddWithValue("app", LiveEventListenerConnection.ApplicationName);
        return (int)(await terminate.ExecuteScalarAsync())!;
    }
}
