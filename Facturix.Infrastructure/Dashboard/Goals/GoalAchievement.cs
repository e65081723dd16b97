using Facturix.Domain.Dashboard.Goals;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Dashboard.Goals;

/// <summary>
/// What goals have achieved so far, read from the <c>activity_daily</c> rollup (docs/decisions/0062): a BD's goal counts
/// that BD's rows on every campaign, a campaign's goal every BD's rows on it, an account's goal the rows of its campaigns;
/// each over its period up to today. One grouped query per kind of subject present, per (subject, day), summed here per goal.
/// </summary>
internal static class GoalAchievement
{
    private sealed record DailyRow(Guid SubjectId, DateOnly Day, int Calls, int Contacts, int Meetings, int Conversions);

    public static async Task<Dictionary<Guid, int>> ReadAsync(FacturixDb db, IReadOnlyCollection<Goal> goals, DateOnly today, CancellationToken ct)
    {
        var achieved = goals.ToDictionary(g => g.Id, _ => 0);
        if (goals.Count == 0) return achieved;
        var fromDay = goals.Min(g => g.PeriodStart);
        var rows = new Dictionary<GoalSubject, List<DailyRow>>();

        if (SubjectsOf(goals, GoalSubject.User) is { Count: > 0 } userIds)
            rows[GoalSubject.User] = await db.ActivityDaily.AsNoTracking()
                .Where(d => userIds.Contains(d.UserId) && d.Day >= fromDay && d.Day <= today)
                .GroupBy(d => new { d.UserId, d.Day })
                .Select(g => new DailyRow(g.Key.UserId, g.Key.Day, g.Sum(d => d.Calls), g.Sum(d => d.Contacts), g.Sum(d => d.Meetings),
                    g.Sum(d => d.Conversions)))
                .ToListAsync(ct);
        if (SubjectsOf(goals, GoalSubject.Campaign) is { Count: > 0 } campaignIds)
            rows[GoalSubject.Campaign] = await db.ActivityDaily.AsNoTracking()
                .Where(d => campaignIds.Contains(d.CampaignId) && d.Day >= fromDay && d.Day <= today)
                .GroupBy(d => new { d.CampaignId, d.Day })
                .Select(g => new DailyRow(g.Key.CampaignId, g.Key.Day, g.Sum(d => d.Calls), g.Sum(d => d.Contacts), g.Sum(d => d.Meetings),
                    g.Sum(d => d.Conversions)))
                .ToListAsync(ct);
        if (SubjectsOf(goals, GoalSubject.Account) is { Count: > 0 } accountIds)
            rows[GoalSubject.Account] = await (
                    from d in db.ActivityDaily.AsNoTracking()
                    join c in db.Campaigns on d.CampaignId equals c.Id
                    where accountIds.Contains(c.AccountId) && d.Day >= fromDay && d.Day <= today
                    group d by new { c.AccountId, d.Day } into g
                    select new DailyRow(g.Key.AccountId, g.Key.Day, g.Sum(d => d.Calls), g.Sum(d => d.Contacts), g.Sum(d => d.Meetings),
                        g.Sum(d => d.Conversions)))
                .ToListAsync(ct);

        foreach (var goal in goals)
        {
            if (!rows.TryGetValue(goal.SubjectKind, out var daily)) continue;
            var period = GoalPeriods.Range(goal.PeriodUnit, goal.PeriodStart);
            achieved[goal.Id] = daily.Where(r => r.SubjectId == goal.SubjectId && period.Contains(r.Day)).Sum(r => Pick(r, goal.Metric));
        }
        return achieved;
    }

    private static List<Guid> SubjectsOf(IEnumerable<Goal> goals, GoalSubject kind) =>
        goals.Where(g => g.SubjectKind == kind).Select(g => g.SubjectId).Distinct().ToList();

    private static int Pick(DailyRow row, GoalMetric metric) => metric switch
    {
        GoalMetric.Calls => row.Calls,
        GoalMetric.Contacts => row.Contacts,
        GoalMetric.Meetings => row.Meetings,
        GoalMetric.Conversions => row.Conversions,
        _ => 0,
    };
}
