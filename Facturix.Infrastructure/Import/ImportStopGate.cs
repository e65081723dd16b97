namespace Facturix.Infrastructure.Import;

/// <summary>
/// Makes a stop land at the next checkpoint (docs/decisions/0068). A batch's checkpoint and the run's finish take this
/// advisory lock shared, a stop takes it exclusive, each before the import row's lock. PostgreSQL queues a lock request
/// behind any waiting request it conflicts with, so a stop waiting for the batch that holds the gate goes before the next
/// batch. With the row lock alone the next batch usually won: the stop woke to find a new row version to lock, which the
/// batch waiting in the app took first, and a stop could lose to every batch left and then to the finish.
/// </summary>
internal static class ImportStopGate
{
    /// <summary>Held by a batch's checkpoint and by the run's finish until they commit.</summary>
    public const string PassSql = "SELECT pg_advisory_xact_lock_shared(hashtextextended(@id::text, 1509))";

    /// <summary>Held by a stop until it commits: no checkpoint or finish passes meanwhile.</summary>
    public const string CloseSql = "SELECT pg_advisory_xact_lock(hashtextextended(@id::text, 1509))";
}
