using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard.Goals;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// The BDs the goal dialog offers (<see cref="IGoalService.ListBdsAsync"/>): the ones the service accepts as a goal's
/// subject, whatever figures the dashboard behind the dialog shows. The dialog took them from the page's tiles, which on
/// "mine" hold the manager alone.
/// </summary>
public sealed class GoalBdChoicesTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private IGoalService Goals => ActivatorUtilities.CreateInstance<GoalService>(Fixture.Services, TimeProvider.System);

    [Fact]
    public async Task A_manager_is_offered_the_active_BDs_of_their_campaigns_by_name_and_no_one_else()
    {
        var account = await Given.AccountAsync("Acme");
        var elsewhere = await Given.AccountAsync("Globex");
        var bd1 = await Given.UserAsync(Roles.BusinessDeveloper);
        var bd2 = await Given.UserAsync(Roles.BusinessDeveloper);
        var gone = await Given.UserAsync(Roles.BusinessDeveloper);
        var outside = await Given.UserAsync(Roles.BusinessDeveloper);
        var colleague = await Given.UserAsync(Roles.Manager);
        await Given.CampaignAsync(account, CampaignState.Active, bd2, bd1, gone, colleague);
        await Given.CampaignAsync(elsewhere, CampaignState.Active, outside);
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        await using (var db = NewDb())
            await db.Users.Where(u => u.Id == gone.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DeactivatedAt, DateTimeOffset.UtcNow));

        var offered = await Goals.ListBdsAsync(manager);

        // Not the manager (the one "BD" the dialog offered on "mine"), not a manager on the campaign, not a deactivated
        // BD, not a BD of another client's campaign; in name order.
        var expected = new[] { bd1, bd2 }.Select(b => b.DisplayName).Order(StringComparer.CurrentCultureIgnoreCase).ToArray();
        Assert.Equal(expected, offered.Select(b => b.Name).ToArray());
        Assert.Equal(new[] { bd1.UserId, bd2.UserId }.Order(), offered.Select(b => b.Id).Order());
        var admin = await Given.UserAsync(Roles.Admin);
        Assert.Contains((await Goals.ListBdsAsync(admin)).Select(b => b.Id), id => id == outside.UserId);
    }

    [Fact]
    public async Task A_BD_is_refused_the_list()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);

        await Assert.ThrowsAsync<ForbiddenException>(() => Goals.ListBdsAsync(bd));
    }
}
