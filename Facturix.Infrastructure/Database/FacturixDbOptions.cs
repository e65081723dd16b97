using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Facturix.Infrastructure.Database;

/// <summary>The one place that says how FacturixDb talks to PostgreSQL, shared by the app, design time and tests.</summary>
public static class FacturixDbOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .ConfigureWarnings(IntendedRowLimits);

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .ConfigureWarnings(IntendedRowLimits);

    /// <summary>
    /// EF warns of a Take without an OrderBy. Here that is a capped count ("up to 10,001 matches?": LeadQueries,
    /// LeadBulkService), where order cannot change the answer and ordering would cost a sort. Every paged list orders
    /// (their tests pin the page order), so the warning only ever fired on purpose, in each manager's first leads list.
    /// </summary>
    private static void IntendedRowLimits(WarningsConfigurationBuilder warnings) =>
        warnings.Log((CoreEventId.RowLimitingOperationWithoutOrderByWarning, LogLevel.Debug));

    /// <summary>A context outside dependency injection: design time, migrations in tests, the seeder's checks.</summary>
    public static FacturixDb CreateContext(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<FacturixDb>();
        Configure(builder, connectionString);
        return new FacturixDb(builder.Options);
    }
}
