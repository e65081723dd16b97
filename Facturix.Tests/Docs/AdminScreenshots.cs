using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Docs;

/// <summary>
/// Retakes the README's set-up screenshots (accounts, a campaign's statuses and script, the permission matrix) and the lead
/// page, from the real app on the small demo data set. <c>Category=Docs</c>, like <see cref="ReadmeScreenshots"/>.
/// </summary>
[Trait("Category", "Docs")]
public sealed class AdminScreenshots(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static string Shot(string name) => Path.Combine(ReadmeScreenshots.RepositoryRoot(), "docs", "screenshots", name);

    private static readonly PageScreenshotOptions Still = new() { Animations = ScreenshotAnimations.Disabled, FullPage = true };

    [Fact]
    public async Task The_set_up_pages()
    {
        var admin = await App.ActorAsync("admin@facturix.local");
        var campaign = (await App.Get<ICampaignService>().ListAsync(admin, new CampaignQuery(State: CampaignState.Active), new PageRequest())).Items.First();
        var page = await SignedInPageAsync("admin@facturix.local");
        await page.SetViewportSizeAsync(1440, 900);

        await page.GotoAsync("/accounts");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("account-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new(Still) { Path = Shot("accounts.png") });

        await page.GotoAsync($"/campaigns/{campaign.Id}?tab=statuses");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("status-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new(Still) { Path = Shot("campaign-statuses.png") });

        await page.GotoAsync($"/campaigns/{campaign.Id}?tab=script");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("script-preview")).Not.ToBeEmptyAsync();
        await page.ScreenshotAsync(new(Still) { Path = Shot("campaign-script.png") });

        await page.GotoAsync("/admin/permissions");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("permission-cell").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new(Still) { Path = Shot("admin-permissions.png") });
    }

    [Fact]
    public async Task The_lead_page()
    {
        Guid leadId;
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            // A demo lead with calls and emails, so the timeline shows what a lead's history looks like.
            leadId = await db.Activities.Where(a => a.LeadId != null && a.Kind == ActivityKind.Email)
                .GroupBy(a => a.LeadId!.Value).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
        }
        // The admin sees every campaign: the demo follows today's date, and the lead with most emails was once in a
        // campaign the demo manager does not run (the page then said the lead was out of scope).
        var page = await SignedInPageAsync("admin@facturix.local");
        await page.SetViewportSizeAsync(1440, 1000);
        await page.GotoAsync($"/leads/{leadId}");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("lead-timeline").GetByTestId("timeline-item").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("lead.png"), Animations = ScreenshotAnimations.Disabled });
    }
}
