namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// What the demo seed generates. The same options (same <see cref="Seed"/> and <see cref="Now"/>) always give the
/// same data: same people, companies, e-mails, phones, statuses, timelines and ids.
/// </summary>
public sealed record DemoSeedOptions
{
    /// <summary>Leads spread over the ten campaigns; about 7.5 activities are generated per lead.</summary>
    public int LeadCount { get; init; } = 20_000;

    /// <summary>How far back the activity history goes from <see cref="Now"/>.</summary>
    public int ActivityDays { get; init; } = 90;

    public int Seed { get; init; } = 20251120;

    /// <summary>
    /// The anchor of every date: activities go <see cref="ActivityDays"/> back from it, tasks fall due around it.
    /// Defaults to the current time; set it explicitly for reproducible data.
    /// </summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Same users, accounts and campaigns with 300 leads (about 2,250 activities): seconds, for browser tests.</summary>
    public static DemoSeedOptions Small(DateTimeOffset now) => new() { LeadCount = 300, Now = now };
}

/// <summary>What a seed wrote and how long it took.</summary>
public sealed record DemoSeedResult(int Users, int Accounts, int Campaigns, int Leads, int Activities, int Tasks, TimeSpan Elapsed);
