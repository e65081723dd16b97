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
    /// The average timeline length the activity budget aims for (<see cref="DemoDataGenerator.ActivitiesPerLead"/> by default).
    /// </summary>
    public double ActivitiesPerLead { get; init; } = DemoDataGenerator.ActivitiesPerLead;

    /// <summary>
    /// The share of leads that repeat a person already imported (same name, e-mail and phone, written a little
    /// differently), in another campaign or the same one: the data a duplicate scan must find. 0 (the default) draws
    /// nothing extra, so the default data set stays exactly what it was for a seed.
    /// </summary>
    public double DuplicateShare { get; init; }

    /// <summary>
    /// The anchor of every date: activities go <see cref="ActivityDays"/> back from it, tasks fall due around it.
    /// Defaults to the current time; set it explicitly for reproducible data.
    /// </summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Same users, accounts and campaigns with 300 leads (about 2,250 activities): seconds, for browser tests.</summary>
    public static DemoSeedOptions Small(DateTimeOffset now) => new() { LeadCount = 300, Now = now };

    /// <summary>
    /// The benchmark scale of issue 13: the same agency with 1,000,000 leads and about 5,000,000 activities, 3 % of the
    /// leads duplicating an earlier person. Several minutes and a few GB of memory: benchmarks only.
    /// </summary>
    public static DemoSeedOptions Benchmark(DateTimeOffset now) =>
        new() { LeadCount = 1_000_000, ActivitiesPerLead = 5.0, DuplicateShare = 0.03, Now = now };
}

/// <summary>What a seed wrote and how long it took.</summary>
public sealed record DemoSeedResult(int Users, int Accounts, int Campaigns, int Leads, int Activities, int Tasks, TimeSpan Elapsed);
