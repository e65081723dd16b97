using System.Globalization;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Views;
using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Leads;

/// <summary>Saved views and campaign presets in the browser (backlog 2.3.1, 2.3.2).</summary>
public sealed class SavedViewsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_BD_filters_and_sorts_saves_a_view_reloads_the_page_and_applies_it_back()
    {
        var bd = await App.ActorAsync("bd1@facturix.local");
        var queries = App.Get<ILeadQueries>();
        var name = $"En cours {Guid.NewGuid():N}"[..20];
        var all = await queries.ListAsync(bd, new LeadListQuery(), new PageRequest());
        var inProgressQuery = new LeadListQuery(Category: StatusCategory.InProgress);
        var inProgress = await queries.ListAsync(bd, inProgressQuery, new PageRequest(0, 25, LeadListQuery.Sort.Score, false));
        Assert.True(inProgress.Total < all.Total, "the filter narrows the list");

        var page = await SignedInPageAsync("bd1@facturix.local", at: "/leads");
        await page.GetByTestId("lead-filter-status").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("En cours", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("leads-total")).ToHaveAttributeAsync("data-value", Count(inProgress.Total));
        // Sort by score (ascending) with the column header: the sort is part of the view.
        await page.Locator(".mud-table-head th").Filter(new() { HasText = "Score" }).Locator(".column-header").ClickAsync();
        await Expect(page.GetByTestId("lead-row").First).ToHaveAttributeAsync("data-lead-id", inProgress.Items[0].Id.ToString());

        await page.GetByTestId("saved-view-save").ClickAsync();
        await page.GetByTestId("saved-view-dialog").GetByTestId("saved-view-name").FillAsync(name);
        await Expect(page.GetByTestId("saved-view-share")).ToHaveCountAsync(0); // a BD cannot share
        await page.Locator(".mud-dialog").GetByTestId("form-submit").ClickAsync();
        var chip = page.GetByTestId("saved-view-chip").Filter(new() { HasText = name });
        await Expect(chip).ToHaveAttributeAsync("data-active", "true");

        var saved = (await App.Get<ISavedViewService>().ListAsync(bd)).Single(v => v.Name == name);
        Assert.Equal((StatusCategory.InProgress, LeadListQuery.Sort.Score, false, false),
            (saved.Definition.Query.Category, saved.Definition.SortBy, saved.Definition.SortDescending, saved.IsShared));

        await page.ReloadAsync();
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("leads-total")).ToHaveAttributeAsync("data-value", Count(all.Total));
        await chip.ClickAsync();

        await Expect(page.GetByTestId("leads-total")).ToHaveAttributeAsync("data-value", Count(inProgress.Total));
        await Expect(page.GetByTestId("lead-row").First).ToHaveAttributeAsync("data-lead-id", inProgress.Items[0].Id.ToString());
        await Expect(chip).ToHaveAttributeAsync("data-active", "true");
    }

    [Fact]
    public async Task A_manager_shares_a_view_sets_it_as_the_campaign_default_and_a_BD_opening_the_campaign_lands_on_it()
    {
        var manager = await App.ActorAsync("manager@facturix.local");
        var bd = await App.ActorAsync("bd1@facturix.local");
        var queries = App.Get<ILeadQueries>();
        var managed = (await queries.GetFilterOptionsAsync(manager, null)).Campaigns.Select(c => c.Id).ToHashSet();
        var campaign = (await queries.GetFilterOptionsAsync(bd, null)).Campaigns.First(c => managed.Contains(c.Id)).Id;
        await App.Get<ISavedViewService>().SetCampaignPresetAsync(manager, campaign, null);
        try
        {
            var name = $"Équipe {Guid.NewGuid():N}"[..20];
            var whole = await queries.ListAsync(bd, new LeadListQuery(CampaignId: campaign), new PageRequest());
            var preset = await queries.ListAsync(bd, new LeadListQuery(CampaignId: campaign, Category: StatusCategory.InProgress), new PageRequest());
            Assert.True(preset.Total < whole.Total, "the preset narrows the campaign's leads");

            // The BD already has the list open: the shared chip appears there live.
            var bdPage = await SignedInPageAsync("bd1@facturix.local", at: "/leads");

            var page = await SignedInPageAsync("manager@facturix.local", at: $"/leads?campaign={campaign}");
            await page.GetByTestId("lead-filter-status").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").GetByText("En cours", new() { Exact = true }).ClickAsync();
            // The filter is on screen before saving, so the view captures it.
            var managerSees = await queries.ListAsync(manager, new LeadListQuery(CampaignId: campaign, Category: StatusCategory.InProgress), new PageRequest());
            await Expect(page.GetByTestId("leads-total")).ToHaveAttributeAsync("data-value", Count(managerSees.Total));
            await page.GetByTestId("saved-view-save").ClickAsync();
            var dialog = page.GetByTestId("saved-view-dialog");
            await dialog.GetByTestId("saved-view-name").FillAsync(name);
            await dialog.GetByTestId("saved-view-share").ClickAsync();
            await page.Locator(".mud-dialog").GetByTestId("form-submit").ClickAsync();
            var chip = page.GetByTestId("saved-view-chip").Filter(new() { HasText = name });
            await Expect(chip).ToHaveAttributeAsync("data-shared", "true");
            await page.GetByTestId("saved-view-preset").ClickAsync();
            await Expect(page.GetByTestId("saved-view-preset")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(chip).ToHaveAttributeAsync("data-preset", "true");

            var landing = await App.Get<ISavedViewService>().GetCampaignPresetAsync(bd, campaign);
            Assert.Equal((name, campaign, StatusCategory.InProgress, (Guid?)null),
                (landing?.Name, landing?.Definition.Query.CampaignId, landing?.Definition.Query.Category, landing?.Definition.Query.CampaignStatusId));
            Assert.Equal(new LeadListQuery(CampaignId: campaign, Category: StatusCategory.InProgress), landing!.Definition.Query);
            await Expect(bdPage.GetByTestId("saved-view-chip").Filter(new() { HasText = name })).ToHaveAttributeAsync("data-shared", "true");
            await bdPage.GotoAsync($"/leads?campaign={campaign}");
            await WaitInteractiveAsync(bdPage);
            // The rows are the preset's: this campaign's in-progress leads (the first page of them).
            var inProgress = Enum.GetValues<LeadStatus>().Where(s => s.Category() == StatusCategory.InProgress).Select(s => s.ToString()).ToHashSet();
            var rows = bdPage.GetByTestId("lead-row");
            await Expect(rows.First).ToBeVisibleAsync();
            await Eventually.HoldsAsync(() => rows.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.leadId)"),
                ids => ids.Length == preset.Items.Count && ids.All(id => preset.Items.Any(r => r.Id.ToString() == id)), "the preset's leads");
            Assert.All(preset.Items, r => Assert.Contains(r.Status.ToString(), inProgress));
            await Expect(bdPage.GetByTestId("saved-view-chip").Filter(new() { HasText = name })).ToHaveAttributeAsync("data-preset", "true");
            // A BD may not change the campaign's default.
            await Expect(bdPage.GetByTestId("saved-view-preset")).ToHaveCountAsync(0);
        }
        finally
        {
            // Every journey shares this app: a default view left on the campaign would land the next journey that opens
            // it on the in-progress leads only (three journeys failed so, on a day the campaigns sorted differently).
            await App.Get<ISavedViewService>().SetCampaignPresetAsync(manager, campaign, null);
        }
    }

    private static string Count(long total) => total.ToString(CultureInfo.InvariantCulture);
}
