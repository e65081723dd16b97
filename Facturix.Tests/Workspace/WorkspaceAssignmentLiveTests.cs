using Facturix.Domain.Campaigns;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Workspace;

/// <summary>
/// A BD's open workspace follows their assignments: the assignment announces an access change, ActorAccessor re-resolves
/// the viewer, and the page's LiveRefresh reloads the campaigns with the new actor. Only the campaigns list had a browser
/// test for that path; a helper once reported the workspace missing it.
/// </summary>
public sealed class WorkspaceAssignmentLiveTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_BD_with_no_campaign_sees_a_new_assignment_in_the_open_workspace_without_reloading()
    {
        var email = await NewStaffAsync("bd-ws-live");
        var page = await SignedInPageAsync(email, at: "/workspace");
        await Expect(page.GetByTestId("workspace-no-campaign")).ToBeVisibleAsync();
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        Guid campaignId, bdId;
        await using (var db = FacturixDbOptions.CreateContext(App.ConnectionString))
        {
            bdId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            campaignId = await db.Campaigns.Where(c => c.State == CampaignState.Active).OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        }
        // The real service: it writes the assignment and announces the access change in the same commit.
        var admin = await App.ActorAsync("admin@facturix.local");
        await App.Get<ICampaignAssignmentService>().AssignAsync(admin, campaignId, [bdId]);

        await Expect(page.GetByTestId("workspace-no-campaign")).ToHaveCountAsync(0);
        await Expect(page.Locator($"[data-testid=workspace-campaign-choice][data-campaign-id='{campaignId}']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("workspace-campaign-choice")).ToHaveCountAsync(1);
        Assert.Equal(0, navigations);
    }
}
