using Facturix.Infrastructure.Database.LocalPostgres;
using Facturix.Tests.Support;
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
