using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Leads;

/// <summary>Journey: a manager ticks two leads of a campaign and gives them to a BD of that campaign from the bulk bar.</summary>
public sealed class BulkActionsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_manager_bulk_assigns_an_owner_to_ticked_leads()
    {
        var manager = await App.ActorAsync("manager@facturix.local");
        var campaigns = (await App.Get<ILeadQueries>().GetFilterOptionsAsync(manager, null)).Campaigns;
        CampaignAssignee? owner = null;
        LeadFilterCampaign? campaign = null;
        foreach (var candidate in campaigns)
        {
            var assignees = await App.Get<ICampaignAssignmentService>().ListAsync(manager, candidate.Id);
            if (assignees.Count == 0) continue;
            (campaign, owner) = (candidate, assignees[0]);
            break;
        }
        Assert.True(campaign is not null && owner is not null, "the demo manager has a campaign with a BD");

        var page = await SignedInPageAsync("manager@facturix.local", at: $"/leads?campaign={campaign!.Id}");
        var rows = page.GetByTestId("lead-row");
        await Expect(rows.Nth(1)).ToBeVisibleAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var id = Guid.Parse((await rows.Nth(i).GetAttributeAsync("data-lead-id"))!);
            ids.Add(id);
            await RowOf(page, id).Locator("input[type=checkbox]").ClickAsync();
        }
        await Expect(page.GetByTestId("bulk-selected-count")).ToHaveAttributeAsync("data-value", "2");
        // The offer to widen the selection names the filter's total, not the two ticked (it once read "select the 2").
        var total = await page.GetByTestId("leads-total").GetAttributeAsync("data-value");
        await Expect(page.GetByTestId("bulk-select-all")).ToContainTextAsync($"Sélectionner les {total} leads");

        await page.GetByTestId("bulk-action-menu").ClickAsync();
        await page.GetByTestId("bulk-action-assign").ClickAsync();
        await page.GetByTestId("bulk-owner-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(owner!.DisplayName, new() { Exact = true }).ClickAsync();
        var submit = page.GetByTestId("bulk-dialog").Locator("xpath=ancestor::div[contains(@class,'mud-dialog')]").GetByTestId("form-submit");
        await Expect(submit).ToContainTextAsync("2");
        await submit.ClickAsync();

        await Expect(page.Locator("[data-testid='toast'][data-severity='success']")).ToBeVisibleAsync();
        // The list reloads live (LeadsChanged) and shows the new owner on both rows; the selection is cleared.
        foreach (var id in ids)
            await Expect(RowOf(page, id)).ToContainTextAsync(owner.DisplayName);
        await Expect(page.GetByTestId("bulk-bar")).ToHaveCountAsync(0);
        await using var db = App.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContext();
        Assert.Equal(2, await db.Leads.CountAsync(l => ids.Contains(l.Id) && l.OwnerId == owner.UserId));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "leads.bulk-assigned" && e.ActorId == manager.UserId));
    }

    private static ILocator RowOf(IPage page, Guid leadId) =>
        page.Locator("tr", new() { Has = page.Locator($"[data-testid='lead-row'][data-lead-id='{leadId}']") });
}
