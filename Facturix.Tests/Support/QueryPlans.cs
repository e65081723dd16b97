using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Support;

/// <summary>
/// The planner's text plan (EXPLAIN, one string a line) with sequential scans off: on a test's few rows a sequential scan
/// always wins, so only with it off does the plan show whether an index can serve the query at all.
/// </summary>
internal static class QueryPlans
{
    /// <summary>The plan of the SQL EF Core writes for <paramref name="query"/>, parameters included.</summary>
    public static Task<List<string>> WithoutSeqScanAsync<T>(FacturixDb db, IQueryable<T> query) =>
        ExplainAsync(db, () => query.CreateDbCommand());

    /// <summary>The plan of hand-written <paramref name="sql"/>.</summary>
    public static Task<List<string>> WithoutSeqScanAsync(FacturixDb db, string sql) =>
        ExplainAsync(db, () =>
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return command;
        });

    private static async Task<List<string>> ExplainAsync(FacturixDb db, Func<System.Data.Common.DbCommand> createCommand)
    {
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        await using var command = createCommand();
        command.CommandText = "EXPLAIN " + command.CommandText;
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        return plan;
    }
}
