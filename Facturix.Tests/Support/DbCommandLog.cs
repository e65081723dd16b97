using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Facturix.Tests.Support;

/// <summary>
/// Records the SQL of every command the app runs through EF Core while recording is on (registered in the test app's
/// DI, which every FacturixDb picks up). Raw ADO.NET outside EF (COPY, the live-event listener, Quartz) is not seen.
/// <code>
/// App.Commands.Start();
/// ... load a page ...
/// var sql = App.Commands.Stop();
/// </code>
/// </summary>
public sealed partial class DbCommandLog : DbCommandInterceptor
{
    private readonly Lock _gate = new();
    private List<string>? _recording;

    /// <summary>Starts a fresh recording (commands run before are not kept).</summary>
    public void Start()
    {
        lock (_gate) _recording = [];
    }

    /// <summary>Stops recording and returns what ran since <see cref="Start"/>.</summary>
    public IReadOnlyList<string> Stop()
    {
        lock (_gate)
        {
            var recorded = _recording ?? [];
            _recording = null;
            return recorded;
        }
    }

    /// <summary>True for a statement that writes or locks rows (INSERT, UPDATE, DELETE, MERGE, SELECT ... FOR UPDATE).</summary>
    public static bool WritesOrLocks(string sql) => WriteOrLock().IsMatch(sql);

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|MERGE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WriteOrLock();

    private void Record(DbCommand command)
    {
        lock (_gate) _recording?.Add(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
