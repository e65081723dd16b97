using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Database;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_build_the_whole_schema_on_an_empty_database_and_leave_nothing_pending()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync("migrations");
        await using var db = FacturixDbOptions.CreateContext(connectionString);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        foreach (var expected in new[] { "accounts", "campaigns", "leads", "activities", "tasks", "campaign_assignments",
                     "account_assignments", "campaign_statuses", "audit_events", "AspNetUsers", "data_protection_keys" })
            Assert.Contains(expected, tables);
    }

    [Fact]
    public async Task Two_instances_starting_together_on_an_empty_database_both_come_up_with_one_set_of_roles()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync("concurrentstart");
        var factory = new ContextFactory(connectionString);

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            new DatabaseInitializer(factory, NullLogger<DatabaseInitializer>.Instance).MigrateAsync())));

        await using var db = factory.CreateDbContext();
        Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
    }

    private sealed class ContextFactory(string connectionString) : IDbContextFactory<FacturixDb>
    {
        public FacturixDb CreateDbContext() => FacturixDbOptions.CreateContext(connectionString);
    }

    [Fact]
    public void The_model_has_no_changes_missing_from_the_migrations()
    {
        using var db = FacturixDbOptions.CreateContext("Host=localhost;Database=unused");
        Assert.False(db.Database.HasPendingModelChanges(), "Run `dotnet ef migrations add` in Facturix.Infrastructure.");
    }

    [Fact]
    public async Task The_get_next_query_shape_is_served_by_an_index()
    {
        var connectionString = await TestCluster.CreateMigratedDatabaseAsync("getnextplan");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SET enable_seqscan = off;
            EXPLAIN SELECT id FROM leads
            WHERE campaign_id = '00000000-0000-0000-0000-000000000001' AND status = 'New'
              AND (lock_expires_at IS NULL OR lock_expires_at < now())
            ORDER BY next_call_at NULLS FIRST LIMIT 1 FOR UPDATE SKIP LOCKED
            """, connection);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        Assert.Contains(plan, line => line.Contains("ix_leads_get_next") || line.Contains("ix_leads_campaign_status"));
    }
}
