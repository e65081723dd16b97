using Facturix.Infrastructure.Database.LocalPostgres;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Database;

/// <summary>The test cluster's template is migrated the way the app migrates: as the app role, not the superuser.</summary>
public sealed class LeastPrivilegeTests
{
    [Fact]
    public async Task Migrations_ran_as_the_app_role_which_owns_every_table_and_is_no_superuser()
    {
        var connectionString = await TestCluster.CreateMigratedDatabaseAsync("leastprivilege");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        var foreignOwners = await ScalarAsync<long>(connection,
            $"SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '{LocalPostgresCluster.AppRole}'");
        var appRoleIsSuperuser = await ScalarAsync<bool>(connection,
            $"SELECT rolsuper FROM pg_roles WHERE rolname = '{LocalPostgresCluster.AppRole}'");
        var migrations = await ScalarAsync<long>(connection, "SELECT count(*) FROM __ef_migrations_history");

        Assert.Equal(0, foreignOwners);
        Assert.False(appRoleIsSuperuser);
        Assert.True(migrations > 0);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>The running app's own connection (its DbContext factory, as every service uses it) is no superuser.</summary>
public sealed class AppConnectionPrivilegeTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_app_connects_as_a_role_that_is_no_superuser_and_owns_its_database()
    {
        var factory = App.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>();
        await using var db = await factory.CreateDbContextAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_user, r.rolsuper, pg_get_userbyid(d.datdba) FROM pg_roles r, pg_database d " +
            "WHERE r.rolname = current_user AND d.datname = current_database()", connection);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());

        Assert.Equal(LocalPostgresCluster.AppRole, row.GetString(0));
        Assert.False(row.GetBoolean(1));
        Assert.Equal(LocalPostgresCluster.AppRole, row.GetString(2));
    }
}
