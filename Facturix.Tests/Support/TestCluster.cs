using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Database.LocalPostgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Facturix.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run, started with the app's own launcher.
/// It holds a migrated template database; each test class clones it (CREATE DATABASE ... TEMPLATE,
/// tens of milliseconds), so classes run in parallel without sharing rows.
/// </summary>
public static class TestCluster
{
    private const string TemplateDatabase = "facturix_template";
    private const string FolderPrefix = "facturix-tests";
    private static readonly Lazy<Task<LocalPostgresCluster>> Cluster = new(StartAsync);
    private static int _databaseCounter;

    /// <summary>Creates an empty, fully migrated database for one test class and returns its connection string.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync(string purpose)
    {
        var cluster = await Cluster.Value;
        var name = $"t{Interlocked.Increment(ref _databaseCounter)}_{Sanitize(purpose)}";
        await cluster.CreateDatabaseAsync(name, TemplateDatabase);
        return cluster.ConnectionStringFor(name);
    }

    /// <summary>
    /// Copies database <paramref name="template"/> (which must have no open connection) into a new database; returns its
    /// connection string. Used to give a writing benchmark its own copy of the shared benchmark data set.
    /// </summary>
    public static async Task<string> CloneDatabaseAsync(string template, string purpose)
    {
        var cluster = await Cluster.Value;
        var name = $"t{Interlocked.Increment(ref _databaseCounter)}_{Sanitize(purpose)}";
        await cluster.CreateDatabaseAsync(name, template);
        return cluster.ConnectionStringFor(name);
    }

    /// <summary>Creates a database with no schema at all (for migration tests).</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string purpose)
    {
        var cluster = await Cluster.Value;
        var name = $"t{Interlocked.Increment(ref _databaseCounter)}_{Sanitize(purpose)}";
        await cluster.CreateDatabaseAsync(name);
        return cluster.ConnectionStringFor(name);
    }

    /// <summary>
    /// An empty database owned by the app's non-superuser role, and a connection string as that role: the app then
    /// migrates and runs with exactly the rights it has on its embedded cluster.
    /// </summary>
    public static async Task<string> CreateEmptyAppDatabaseAsync(string purpose)
    {
        var cluster = await Cluster.Value;
        var name = $"t{Interlocked.Increment(ref _databaseCounter)}_{Sanitize(purpose)}";
        return await cluster.CreateAppDatabaseAsync(name);
    }

    /// <summary>Drops a database even while connections are open (WITH FORCE).</summary>
    public static async Task DropDatabaseAsync(string name) => await (await Cluster.Value).DropDatabaseAsync(name);

    private static async Task<LocalPostgresCluster> StartAsync()
    {
        // Runs ended before their exit handler finished leave their cluster behind; clear those first.
        AbandonedThrowawayClusters.Sweep(FolderPrefix, NullLogger.Instance);
        var dataDirectory = LocalPostgresOptions.NewThrowawayDirectory(FolderPrefix);
        var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = dataDirectory, DatabaseName = TemplateDatabase, Throwaway = true },
            NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

        await new DatabaseInitializer(new SingleContextFactory(cluster.ConnectionString), NullLogger<DatabaseInitializer>.Instance)
            .MigrateAsync();
        // A template database must have no open connection when it is cloned.
        NpgsqlConnection.ClearAllPools();
        return cluster;
    }

    private static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray());

    private sealed class SingleContextFactory(string connectionString) : IDbContextFactory<FacturixDb>
    {
        public FacturixDb CreateDbContext() => FacturixDbOptions.CreateContext(connectionString);
    }
}
