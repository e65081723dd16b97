using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;

namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// This month's goals, as a manager would have set them on the 1st: calls for each BD (the team dashboard's goals card)
/// and meetings for each active campaign (the manager's own card and the at-risk card). Each target is the subject's pace
/// over the last four weeks stretched to the month, times a factor of its own, so the demo shows goals on track and
/// goals behind (the factors, not chance, decide which). Ids come from a random stream of its own, like
/// <see cref="DemoCampaignSetupBuilder"/>: the other generated values are unchanged.
/// </summary>
internal sealed class DemoGoalBuilder(DemoGenerationContext context)
{
    /// <summary>How far each BD's target sits from their recent pace, in the demo's BD order.</summary>
    private static readonly double[] BdFactors = [0.9, 1.25, 1.05, 1.4, 0.95, 1.15];
    private const double CampaignFactor = 1.2;
    private const int PaceDays = 28;

    private readonly Random _random = new(unchecked(context.Options.Seed * 31 + 3_001));
    private readonly DemoDataSet _set = context.Set;

    public void CreateGoals()
    {
        var today = AgencyDays.DayOf(context.Now);
        var month = GoalPeriods.Containing(GoalPeriodUnit.Month, today);
        var setAt = AgencyDays.StartOf(month.From).AddHours(9);
        if (setAt > context.Now) setAt = context.Now;
        var paceFrom = context.Now.AddDays(-PaceDays);
        var recentCalls = _set.Activities.Where(a => a.Kind == ActivityKind.Call && a.OccurredAt >= paceFrom && a.OccurredAt < context.Now).ToList();

        for (var i = 0; i < context.Bds.Count; i++)
        {
            var bd = context.Bds[i];
            var calls = recentCalls.Count(a => a.UserId == bd.Id);
            Add(GoalSubject.User, bd.Id, GoalMetric.Calls, Target(calls, month.Days, BdFactors[i % BdFactors.Length], minimum: 20, step: 10));
        }

        foreach (var campaign in _set.Campaigns.Where(c => c.State == CampaignState.Active))
        {
            var meetings = recentCalls.Count(a => a.CampaignId == campaign.Id && a.Outcome == CallOutcome.MeetingBooked);
            Add(GoalSubject.Campaign, campaign.Id, GoalMetric.Meetings, Target(meetings, month.Days, CampaignFactor, minimum: 3, step: 1));
        }

        void Add(GoalSubject kind, Guid subject, GoalMetric metric, int target) => _set.Goals.Add(new Goal
        {
            Id = DemoIdentifiers.UuidV7(setAt, _random),
            SubjectKind = kind,
            SubjectId = subject,
            Metric = metric,
            PeriodUnit = GoalPeriodUnit.Month,
            PeriodStart = month.From,
            Target = target,
            CreatedById = context.Manager.Id,
            CreatedAt = setAt,
            UpdatedAt = setAt,
        });
    }

    /// <summary>The recent pace over a month, stretched by <paramref name="factor"/>, rounded to a manager's round number.</summary>
    private static int Target(int recent, int monthDays, double factor, int minimum, int step)
    {
        var paced = recent * (double)monthDays / PaceDays * factor;
        return Math.Max(minimum, (int)Math.Round(paced / step, MidpointRounding.AwayFromZero) * step);
    }
}
