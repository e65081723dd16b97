using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Infrastructure.Database;

/// <summary>The one place that says how FacturixDb talks to PostgreSQL, shared by the app, design time and tests.</summary>
public static class FacturixDbOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>A context outside dependency injection: design time, migrations in tests, the seeder's checks.</summary>
    public static FacturixDb CreateContext(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<FacturixDb>();
        Configure(builder, connectionString);
        return new FacturixDb(builder.Options);
    }
}
