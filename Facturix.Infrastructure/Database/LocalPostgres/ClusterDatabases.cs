using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// The databases of a running cluster, as its superuser over 127.0.0.1: connection strings, and
/// creating and dropping databases. Remembers every connection string it hands out, so that their
/// connection pools can be cleared before the server stops.
/// </summary>
internal sealed class ClusterDatabases(int port, string password)
{
    /// <summary>The maintenance database every cluster has: where CREATE and DROP DATABASE are run from.</summary>
    private const string AdminDatabase = "postgres";

    private readonly ConcurrentDictionary<string, byte> _handedOutConnectionStrings = new(StringComparer.Ordinal);

    /// <summary>A pooled connection string to <paramref name="database"/>, remembered for <see cref="ClearHandedOutPools"/>.</summary>
    public string ConnectionStringFor(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        var connectionString = BuildConnectionString(database, pooling: true);
        _handedOutConnectionStrings.TryAdd(connectionString, 0);
        return connectionString;
    }

    /// <summary>
    /// Gives <paramref name="database"/> to the app role (<see cref="ClusterAppRole"/>) and returns a pooled connection
    /// string to it as that role, remembered for <see cref="ClearHandedOutPools"/>.
    /// </summary>
    public async Task<string> EnsureAppRoleAsync(string database, string appPassword, CancellationToken ct)
    {
        await ClusterAppRole.EnsureAsync(
            BuildConnectionString(AdminDatabase, pooling: false), BuildConnectionString(database, pooling: false), database, appPassword, ct)
            .ConfigureAwait(false);
        var connectionString = new NpgsqlConnectionStringBuilder(BuildConnectionString(database, pooling: true))
        {
            Username = ClusterAppRole.Name,
            Password = appPassword,
        }.ConnectionString;
        _handedOutConnectionStrings.TryAdd(connectionString, 0);
        return connectionString;
    }

    /// <summary>Creates <paramref name="name"/> unless it exists (another process may create it at the same time).</summary>
    public async Task EnsureDatabaseAsync(string name, ILogger logger, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(BuildConnectionString(AdminDatabase, pooling: false));
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            LocalPostgresLog.CreatedDatabase(logger, name);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it meanwhile: fine.
        }
    }

    /// <summary>See <see cref="LocalPostgresCluster.CreateDatabaseAsync"/>.</summary>
    public async Task CreateDatabaseAsync(string name, string? template, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var sql = $"CREATE DATABASE {QuoteIdentifier(name)}" + (template is null ? "" : $" TEMPLATE {QuoteIdentifier(template)}");
        for (var attempt = 1; ; attempt++)
        {
            if (template is not null)
            {
                ClearPool(template);
            }

            try
            {
                await ExecuteAdminAsync(sql, ct).ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                // "source database is being accessed by other users": a connection is closing; try again shortly.
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>See <see cref="LocalPostgresCluster.DropDatabaseAsync"/>.</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ClearPool(name);
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", ct).ConfigureAwait(false);
    }

    /// <summary>Closes the idle pooled connections of every connection string handed out, so none outlives the server.</summary>
    public void ClearHandedOutPools()
    {
        foreach (var connectionString in _handedOutConnectionStrings.Keys)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private async Task ExecuteAdminAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(BuildConnectionString(AdminDatabase, pooling: false));
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Clears the pools to <paramref name="database"/>: the superuser's and any handed out (the app role's).</summary>
    private void ClearPool(string database)
    {
        using var connection = new NpgsqlConnection(BuildConnectionString(database, pooling: true));
        NpgsqlConnection.ClearPool(connection);
        foreach (var handedOut in _handedOutConnectionStrings.Keys)
        {
            if (new NpgsqlConnectionStringBuilder(handedOut).Database != database)
                continue;
            using var other = new NpgsqlConnection(handedOut);
            NpgsqlConnection.ClearPool(other);
        }
    }

    private string BuildConnectionString(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = PostgresServer.LoopbackAddress,
            Port = port,
            Username = LocalPostgresCluster.Superuser,
            Password = password,
            Database = database,
            Pooling = pooling,
        }.ConnectionString;

    private static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
