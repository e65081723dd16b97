using Facturix.Domain.Accounts;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// Journey (decision 0089): a manager of their own (one client, one campaign still active past its end date) sees
/// the goals card's empty action, sets a goal through it and sees it on the card without a reload; then the ended campaign's
/// "complete it" link leads to its page, where completing it (confirmed) closes it. Their own scope keeps the demo's goals
/// and campaigns, which other journeys read, out of it and untouched.
/// </summary>
public sealed class DashboardEmptyActionsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_manager_sets_a_first_goal_from_the_empty_card_and_completes_an_ended_campaign_from_the_at_risk_panel()
    {
        var (campaignId, _) = await AllDayCampaignAsync(new JourneyCampaign("Fin", "Terminée"), 1);
        var (managerEmail, _) = await NewManagerOfAsync(campaignId, "goal-manager");
        string campaignName;
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId);
            // Ended two days ago whatever the agency's time zone: the at-risk rules flag it EndedStillActive.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            (campaign.StartsOn, campaign.EndsOn) = (today.AddDays(-30), today.AddDays(-2));
            await db.SaveChangesAsync();
            campaignName = campaign.Name;
        }
        // Dates written behind the live events' back: the dashboard's cached pieces (the agency's campaigns with their
        // dates) would otherwise be those an earlier journey of the run loaded (a full run failed so).
        App.Get<Facturix.Infrastructure.Dashboard.Pieces.DashboardPieces>().Clear();

        var page = await SignedInPageAsync(managerEmail);
        await WaitPageLoadedAsync(page);
        await page.EvaluateAsync("() => { window.goalJourneyMark = 1; }");
        // A new manager opens on "team"; on "mine", with nobody having called yet, the trend's one action is the viewer's
        // workspace.
        await ClickUntilVisibleAsync(page.GetByTestId("metrics-scope-my"), page.Locator("[data-testid='metrics-scope-my'][aria-pressed='true']"));
        await Expect(page.GetByTestId("trend-chart").GetByTestId("chart-empty-action")).ToHaveAttributeAsync("data-action", "workspace");
        var action = page.GetByTestId("goals-empty-action");
        await Expect(action).ToHaveAttributeAsync("data-action", "set-goal");
        await ClickUntilVisibleAsync(action, page.GetByTestId("goal-dialog"));

        // A goal for their campaign: "mine" shows the goals of the viewer's own campaigns, so the dialog starts on "Une
        // campagne" (a BD's goal would show on "team" only). Chosen again here all the same: the journey is about the card
        // filling, the default has its bUnit test.
        await page.GetByTestId("goal-subject-kind").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Une campagne", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("goal-subject").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(campaignName, new() { Exact = true }).ClickAsync();
        await page.Locator("input[data-testid=goal-target], [data-testid=goal-target] input").FillAsync("40");
        await page.GetByTestId("form-submit").ClickAsync();

        await Expect(page.GetByTestId("goal-dialog")).ToHaveCountAsync(0);
        var goal = page.GetByTestId("goal-progress");
        await Expect(goal).ToHaveCountAsync(1);
        await Expect(goal).ToHaveAttributeAsync("data-target", "40");
        await Expect(goal).ToContainTextAsync(campaignName);
        await Expect(page.GetByTestId("goals-empty")).ToHaveCountAsync(0);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.goalJourneyMark ?? 0"));

        // The ended campaign: its one reason, and the link to complete it.
        var atRisk = page.Locator($"[data-testid=at-risk-campaign][data-campaign-id='{campaignId}']");
        await Expect(atRisk).ToHaveAttributeAsync("data-reasons", "EndedStillActive");
        await atRisk.GetByTestId("at-risk-close").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/campaigns/{campaignId}", StringComparison.Ordinal));
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("campaign-state")).ToHaveAttributeAsync("data-state", "Active");
        await ClickUntilVisibleAsync(page.GetByTestId("campaign-complete"), page.GetByTestId("confirm-dialog"));
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(page.GetByTestId("campaign-state")).ToHaveAttributeAsync("data-state", "Completed");

        // Completed, it is no longer at risk: the panel is empty and offers the campaigns instead.
        await page.GotoAsync("/dashboard");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("at-risk-empty-action")).ToHaveAttributeAsync("data-action", "campaigns");
    }
}
