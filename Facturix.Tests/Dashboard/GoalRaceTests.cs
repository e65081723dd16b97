using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard.Goals;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// Two managers saving the same goal at the same moment: the service's duplicate check cannot see the other's
/// uncommitted row, so the unique index settles it, and the loser gets the same clear error as a plain duplicate.
/// </summary>
public sealed class GoalRaceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Two_simultaneous_saves_of_the_same_goal_land_once_and_the_other_is_told_it_is_a_duplicate()
    {
        var account = await Given.AccountAsync("Acme");
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Given.CampaignAsync(account, CampaignState.Active, bd);
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var input = new GoalInput
        {
            SubjectKind = GoalSubject.User, SubjectId = bd.UserId, Metric = GoalMetric.Calls, PeriodUnit = GoalPeriodUnit.Month,
            PeriodStart = GoalPeriods.StartOf(GoalPeriodUnit.Month, AgencyDays.Today(Fixture.Clock)), Target = 200,
        };
        var goals = Get<IGoalService>();

        // Twenty at once: some pass the check together, and only the index can refuse all but one of them.
        var saves = Enumerable.Range(0, 20).Select(_ => Task.Run(() => goals.CreateAsync(manager, input))).ToList();
        var outcomes = await Task.WhenAll(saves.Select(async s =>
        {
            try { await s; return null; }
            catch (ValidationException e) { return e; }
        }));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<ValidationException>(), e => Assert.Equal([GoalErrors.Duplicate], e.Errors.Select(f => f.ErrorCode)));
        await using var db = NewDb();
        Assert.Equal(1, await db.Goals.CountAsync(g => g.SubjectId == bd.UserId));
    }

    [Fact]
    public void The_index_the_service_names_is_the_model_s_unique_index_on_subject_metric_and_period()
    {
        using var db = NewDb();
        var index = db.Model.FindEntityType(typeof(Goal))!.GetIndexes().Single(i => i.GetDatabaseName() == GoalService.UniqueIndex);

        Assert.True(index.IsUnique);
        Assert.Equal(
            [nameof(Goal.SubjectKind), nameof(Goal.SubjectId), nameof(Goal.Metric), nameof(Goal.PeriodUnit), nameof(Goal.PeriodStart)],
            index.Properties.Select(p => p.Name));
    }
}
