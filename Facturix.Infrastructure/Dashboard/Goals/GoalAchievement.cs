using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Infrastructure.Dashboard.Pieces;

namespace Facturix.Infrastructure.Dashboard.Goals;

/// <summary>
/// What goals have achieved so far, summed from the campaigns' rollup pieces (<see cref="DashboardPieces"/>, decisions
/// 0062 and 0064): a BD's goal counts that BD's rows on every campaign (and on none), a campaign's goal every BD's rows on
/// it, an account's goal the rows of its campaigns; each over its period up to today. A current goal's period starts at
/// most a quarter ago, inside the pieces' window.
/// </summary>
internal static class GoalAchievement
{
    public static async Task<Dictionary<Guid, int>> ReadAsync(DashboardPieces pieces, IReadOnlyCollection<Goal> goals, DateOnly today)
    {
        var achieved = goals.ToDictionary(g => g.Id, _ => 0);
        if (goals.Count == 0) return achieved;
        var directory = await pieces.DirectoryAsync(today);
        var campaignsOf = goals.ToDictionary(g => g.Id, g => g.SubjectKind switch
        {
            GoalSubject.User => directory.ActivityKeys.ToList(),
            GoalSubject.Campaign => [g.SubjectId],
            GoalSubject.Account => directory.Campaigns.Values.Where(c => c.AccountId == g.SubjectId).Select(c => c.Id).ToList(),
            _ => [],
        });
        var activity = await pieces.ActivityAsync(campaignsOf.Values.SelectMany(ids => ids).Distinct(), today);

        foreach (var goal in goals)
        {
            var period = GoalPeriods.Range(goal.PeriodUnit, goal.PeriodStart);
            var rows = campaignsOf[goal.Id].SelectMany(id => activity[id].Days);
            if (goal.SubjectKind == GoalSubject.User) rows = rows.Where(r => r.UserId == goal.SubjectId);
            achieved[goal.Id] = Sum(rows, period, goal.Metric);
        }
        return achieved;
    }

    /// <summary>The goal's metric summed over the rows of its period.</summary>
    public static int Sum(IEnumerable<RollupDay> rows, DayRange period, GoalMetric metric) =>
        rows.Where(r => period.Contains(r.Day)).Sum(r => metric switch
        {
            GoalMetric.Calls => r.Calls,
            GoalMetric.Contacts => r.Contacts,
            GoalMetric.Meetings => r.Meetings,
            GoalMetric.Conversions => r.Conversions,
            _ => 0,
        });
}
