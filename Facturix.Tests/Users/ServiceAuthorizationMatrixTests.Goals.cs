using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>
/// The goals and at-risk rows of the matrix (issue 16): anyone active reads their own goals; team goals and setting goals
/// need analytics.team and the subject in scope; at-risk campaigns are those of the actor's scope.
/// </summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Who[] GoalSetters => [Who.Admin, Who.ManagerInScope];

    private static GoalInput MatrixGoal(World w, GoalSubject kind, Guid subject, int target = 10) => new()
    {
        SubjectKind = kind, SubjectId = subject, Metric = GoalMetric.Calls, PeriodUnit = GoalPeriodUnit.Month, Target = target,
        PeriodStart = GoalPeriods.StartOf(GoalPeriodUnit.Month, AgencyDays.Today(w.Get<TimeProvider>())),
    };

    /// <summary>A goal on the world's campaign, set by the admin.</summary>
    private static Task<Guid> CampaignGoalAsync(World w) =>
        w.Get<IGoalService>().CreateAsync(w.Actors[Who.Admin], MatrixGoal(w, GoalSubject.Campaign, w.Campaign.Id));

    private static async Task<uint> GoalVersionAsync(World w, Guid id)
    {
        await using var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext();
        return await db.Goals.Where(g => g.Id == id).Select(g => g.Version).SingleAsync();
    }

    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> GoalOperations() => new()
    {
        ["IGoalService.GetCurrentAsync"] = (async (w, a) =>
        {
            var own = await w.Get<IGoalService>().CreateAsync(w.Actors[Who.Admin], MatrixGoal(w, GoalSubject.User, a.UserId));
            return (await w.Get<IGoalService>().GetCurrentAsync(a, MetricsScope.Mine)).Any(g => g.GoalId == own);
        }, ActiveStaff),
        ["IGoalService.GetCurrentAsync team"] = (async (w, a) =>
        {
            var id = await CampaignGoalAsync(w);
            return (await w.Get<IGoalService>().GetCurrentAsync(a, MetricsScope.Team)).Any(g => g.GoalId == id);
        }, GoalSetters),
        // The goal dialog's BDs: the world's BD for whoever may set goals on its campaign; a manager elsewhere lists none.
        ["IGoalService.ListBdsAsync"] = (async (w, a) =>
            (await w.Get<IGoalService>().ListBdsAsync(a)).Any(b => b.Id == w.Actors[Who.AssignedBd].UserId), GoalSetters),
        ["IGoalService.CreateAsync"] = (async (w, a) =>
            await w.Get<IGoalService>().CreateAsync(a, MatrixGoal(w, GoalSubject.Campaign, w.Campaign.Id)) != Guid.Empty, GoalSetters),
        ["IGoalService.UpdateAsync"] = (async (w, a) =>
        {
            var id = await CampaignGoalAsync(w);
            await w.Get<IGoalService>().UpdateAsync(a, id, MatrixGoal(w, GoalSubject.Campaign, w.Campaign.Id, 20), await GoalVersionAsync(w, id));
            return true;
        }, GoalSetters),
        ["IGoalService.DeleteAsync"] = (async (w, a) =>
        {
            var id = await CampaignGoalAsync(w);
            await w.Get<IGoalService>().DeleteAsync(a, id);
            return true;
        }, GoalSetters),
        ["IAtRiskService.GetAtRiskAsync"] = (async (w, a) =>
        {
            // Started ten days ago and never worked: idle, so flagged for whoever sees the campaign.
            await using (var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext())
            {
                var startedOn = AgencyDays.Today(w.Get<TimeProvider>()).AddDays(-10);
                await db.Campaigns.Where(c => c.Id == w.Campaign.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.StartsOn, startedOn));
            }
            return (await w.Get<IAtRiskService>().GetAtRiskAsync(a)).Any(c => c.CampaignId == w.Campaign.Id);
        }, ThoseWhoSeeTheLead),
    };
}
