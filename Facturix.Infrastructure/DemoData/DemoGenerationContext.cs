using Bogus;
using Facturix.Infrastructure.Users;

namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// What the demo builders share while one data set is generated: the seeded random streams, the clock, the data set
/// being filled and the plans earlier steps left for later ones. No global state is touched.
/// </summary>
internal sealed class DemoGenerationContext
{
    public DemoGenerationContext(DemoSeedOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.LeadCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ActivityDays, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ActivitiesPerLead);
        ArgumentOutOfRangeException.ThrowIfNegative(options.DuplicateShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(options.DuplicateShare, 1.0);
        Options = options;
        Now = DemoTime.Truncate(options.Now.ToUniversalTime());
        History = TimeSpan.FromDays(options.ActivityDays);
        Random = new Random(options.Seed);
        Faker = new Faker("fr") { Random = new Randomizer(options.Seed) };
    }

    public DemoSeedOptions Options { get; }

    /// <summary>The anchor of every generated date, in whole seconds.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>How far back activities go from <see cref="Now"/>.</summary>
    public TimeSpan History { get; }

    /// <summary>Every random choice, in one fixed order: the same seed gives the same data only if the order never changes.</summary>
    public Random Random { get; }

    /// <summary>Seeded like <see cref="Random"/> but a separate stream; it only draws the family-name pool.</summary>
    public Faker Faker { get; }

    public DemoDataSet Set { get; } = new();

    public AppUser Admin { get; set; } = null!;
    public AppUser Manager { get; set; } = null!;
    public List<AppUser> Bds { get; } = [];
    public List<DemoCampaignPlan> CampaignPlans { get; } = [];
    public List<DemoLeadPlan> LeadPlans { get; } = [];
}
