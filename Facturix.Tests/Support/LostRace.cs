using Facturix.Infrastructure.Database;
using Npgsql;

namespace Facturix.Tests.Support;

/// <summary>
/// A race lost at the database, made deterministic: another session writes the conflicting row and holds it
/// uncommitted, so the service's existence check cannot see it and its own insert waits on the unique key; the other
/// session commits once the service waits, and the service's write fails on the key as it would in a real race.
/// <code>
/// var refused = await LostRace.RunAsync&lt;ConflictException&gt;(Fixture, db => { db.Add(row); return db.SaveChangesAsync(); }, () => service.AssignAsync(...));
/// </code>
/// </summary>
public static class LostRace
{
    public static async Task<TException> RunAsync<TException>(DatabaseFixture fixture, Func<FacturixDb, Task> otherWrite, Func<Task> serviceCall)
        where TException : Exception
    {
        await using var other = fixture.NewDb();
        await using var transaction = await other.Database.BeginTransactionAsync();
        await otherWrite(other);

        var call = Task.Run(serviceCall);
        await Eventually.HoldsAsync(() => WaitingOnALockAsync(fixture), waiting => waiting || call.IsCompleted,
            "the service waiting on the other session's row");
        await transaction.CommitAsync();
        return await Assert.ThrowsAsync<TException>(() => call);
    }

    private static async Task<bool> WaitingOnALockAsync(DatabaseFixture fixture)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
