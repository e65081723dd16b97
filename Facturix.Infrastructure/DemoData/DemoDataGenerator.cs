namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// Builds a coherent, deterministic demo data set: every random choice comes from one <see cref="Random"/> seeded with
/// <see cref="DemoSeedOptions.Seed"/> (and a Bogus faker seeded alike for the name pools), and every date is relative
/// to <see cref="DemoSeedOptions.Now"/>. No global state is touched.
/// </summary>
/// <remarks>
/// The steps share that one random stream, so their order below is part of the output: reordering them (or changing
/// how many values one step draws) changes every data set generated for a seed.
/// </remarks>
internal static class DemoDataGenerator
{
    /// <summary>The average timeline length the activity budget aims for.</summary>
    public const double ActivitiesPerLead = 7.5;

    public static DemoDataSet Generate(DemoSeedOptions options)
    {
        var context = new DemoGenerationContext(options);
        new DemoStaffBuilder(context).CreateUsers();
        new DemoCampaignBuilder(context).CreateAccountsAndCampaigns();
        new DemoLeadBuilder(context).CreateLeads();
        new DemoTimelineWriter(context).CreateActivities();
        new DemoTaskBuilder(context).CreateTasks();
        new DemoAuditTrail(context).CreateAuditEvents();
        // Last, on a random stream of its own: adding it changed no other generated value.
        new DemoCampaignSetupBuilder(context).CreateStatusesAndOutcomes();
        // After the activities it paces itself on, on a random stream of its own too.
        new DemoGoalBuilder(context).CreateGoals();

        var set = context.Set;
        set.Leads.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        set.Activities.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return set;
    }
}
