using System.Text.RegularExpressions;
using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Leads;

/// <summary>
/// A lead's fields typed but not saved: Save waits for a change, and leaving by the menu asks first. Cancelling keeps the
/// page and what was typed; confirming leaves. On a lead of a campaign of the test's own.
/// </summary>
public sealed class LeadUnsavedChangesJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Leaving_a_lead_with_unsaved_fields_asks_first_and_cancelling_keeps_what_was_typed()
    {
        var (_, leads) = await AllDayCampaignAsync(1);
        var page = await SignedInPageAsync("admin@facturix.local", at: $"/leads/{leads[0]}");
        await WaitPageLoadedAsync(page);
        var save = page.GetByTestId("form-submit");
        await Expect(save).ToBeDisabledAsync();

        var city = page.GetByTestId("lead-field-city");
        await city.FillAsync("Annecy");
        await Expect(save).ToBeEnabledAsync();
        await page.GetByTestId("nav-leads").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToHaveCountAsync(0);
        Assert.EndsWith($"/leads/{leads[0]}", page.Url, StringComparison.Ordinal);
        await Expect(city).ToHaveValueAsync("Annecy");

        await page.GetByTestId("nav-leads").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads$")); // in the circuit: no load event to wait for
        await Expect(page.GetByTestId("leads-total")).ToBeVisibleAsync();

        // Untouched (nothing was saved: the city is as stored), the menu leaves at once.
        await OpenInCircuitAsync(page, $"/leads/{leads[0]}");
        await WaitPageLoadedAsync(page);
        await Expect(city).ToHaveValueAsync("");
        await page.GetByTestId("nav-accounts").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        await Expect(page.GetByTestId("confirm-dialog")).ToHaveCountAsync(0);
    }
}
