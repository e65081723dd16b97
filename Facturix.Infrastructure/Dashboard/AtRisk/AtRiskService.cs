using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard.Goals;
using Facturix.Infrastructure.Dashboard.Pieces;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.Dashboard.AtRisk;

/// <summary>
/// At-risk campaigns (backlog 2.1.6): the active campaigns in the actor's scope, their <see cref="CampaignHealth"/>
/// composed from the dashboard's per-campaign pieces (<see cref="DashboardPieces"/>: rollup rows, callable leads, recent
/// pace, last active day; the current goals), judged by <see cref="AtRiskRules"/>; only flagged campaigns come back, the
/// most severe first. A logged call reloads its own campaign's pieces once, for every dashboard open.
/// </summary>
internal sealed class AtRiskService(DashboardScopes scopes, DashboardPieces pieces, TimeProvider clock, IOptions<AtRiskOptions> options)
    : IAtRiskService
{
    private readonly AtRiskSettings _settings = options.Value.ToSettings();

    public async Task<IReadOnlyList<AtRiskCampaign>> GetAtRiskAsync(Actor actor, CancellationToken ct = default)
    {
        actor.DemandActive();
        var today = AgencyDays.Today(clock);
        var scope = await scopes.ResolveAsync(actor, ct);
        var directory = await pieces.DirectoryAsync(today);
        var campaigns = directory.Campaigns.Values.Where(c => c.State == CampaignState.Active && scope.Covers(c.Id)).ToList();
        if (campaigns.Count == 0) return [];
        var ids = campaigns.ConvertAll(c => c.Id);

        var activityLoad = pieces.ActivityAsync(ids, today);
        var leadsLoad = pieces.LeadsAsync(ids, today);
        var goalsLoad = pieces.CurrentGoalsAsync(today);
        var (activity, leads, goals) = (await activityLoad, await leadsLoad, await goalsLoad);
        var recent = new DayRange(today.AddDays(1 - _settings.RecentDays), today);
        var norm = new DayRange(recent.From.AddDays(-_settings.NormDays), recent.From.AddDays(-1));

        var flagged = new List<(AtRiskCampaign Campaign, int Severity)>();
        foreach (var c in campaigns)
        {
            var rows = activity[c.Id].Days;
            var list = leads[c.Id];
            var health = new CampaignHealth(c.Id, c.StartsOn ?? AgencyDays.DayOf(c.CreatedAt), c.EndsOn, list.LastActiveDay,
                rows.Where(r => recent.Contains(r.Day)).Sum(r => r.Calls), rows.Where(r => recent.Contains(r.Day)).Sum(r => r.Contacts),
                rows.Where(r => norm.Contains(r.Day)).Sum(r => r.Calls), rows.Where(r => norm.Contains(r.Day)).Sum(r => r.Contacts),
                list.Callable, list.LeadsWorked, CampaignGoals(c.Id, goals, rows));
            var verdict = AtRiskRules.Evaluate(health, today, _settings);
            if (!verdict.IsAtRisk) continue;
            flagged.Add((new AtRiskCampaign(c.Id, c.Name, c.AccountName, verdict.Reasons, list.LastActiveDay, verdict.RecentContactRate,
                verdict.NormContactRate, health.CallableLeadsLeft, verdict.DailyPace, verdict.ExhaustedOn, c.EndsOn), verdict.Severity));
        }
        return flagged
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Campaign.ExhaustedOn ?? DateOnly.MaxValue)
            .ThenBy(f => f.Campaign.CampaignName, StringComparer.CurrentCultureIgnoreCase)
            .Select(f => f.Campaign)
            .ToList();
    }

    /// <summary>The campaign's goals whose period contains today, with what its rollup rows achieved so far.</summary>
    private static List<CampaignGoalState> CampaignGoals(Guid campaignId, IReadOnlyList<CurrentGoal> goals, IReadOnlyList<RollupDay> rows) =>
        goals.Where(g => g.Goal.SubjectKind == GoalSubject.Campaign && g.Goal.SubjectId == campaignId)
            .Select(g =>
            {
                var period = GoalPeriods.Range(g.Goal.PeriodUnit, g.Goal.PeriodStart);
                return new CampaignGoalState(g.Goal.Target, GoalAchievement.Sum(rows, period, g.Goal.Metric), period);
            })
            .ToList();
}
