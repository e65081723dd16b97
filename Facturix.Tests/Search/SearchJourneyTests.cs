using System.Text.RegularExpressions;
using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Search;

/// <summary>
/// The global search in the browser: Ctrl+K from any page, Enter to the results, a match opened, Enter on the only match,
/// the leads list with the same words; an admin's accounts tab. On a campaign of the journey's own, with words found nowhere else.
/// </summary>
public sealed class SearchJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_bd_finds_a_lead_from_any_page_with_ctrl_k_and_opens_it()
    {
        var word = "Zephyrine" + Guid.NewGuid().ToString("N")[..6];
        // Second words found in no email, phone or company of theirs (a digit is in every phone).
        string[] second = ["kilo", "lima", "mike"];
        var (_, leads) = await AllDayCampaignAsync(new JourneyCampaign(ShapeLead: (lead, i) => lead.LastName = $"{word} {second[i]}"), 3,
            "bd2@facturix.local");
        var page = await SignedInPageAsync("bd2@facturix.local", at: "/workspace");
        await WaitPageLoadedAsync(page);

        // From the workspace, the keyboard alone: Ctrl+K, the words, Enter.
        await page.Keyboard.PressAsync("Control+k");
        await Expect(page.GetByTestId("global-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(word.ToLowerInvariant());
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/search\\?q={word.ToLowerInvariant()}$"));
        await Expect(page.GetByTestId("search-tab-leads")).ToHaveAttributeAsync("data-count", "3");
        // A BD has no accounts list, so no accounts tab.
        await Expect(page.GetByTestId("search-tab-accounts")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("search-result")).ToHaveCountAsync(3);

        // The leads list with the same words.
        await page.GetByTestId("search-all-leads").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/leads\\?q={word.ToLowerInvariant()}$"));
        await Expect(page.GetByTestId("lead-search")).ToHaveValueAsync(word.ToLowerInvariant());
        await Expect(page.GetByTestId("lead-row")).ToHaveCountAsync(3);

        // Back to the search, narrowed to one lead: Enter opens it.
        await page.GoBackAsync();
        await Expect(page.GetByTestId("search-result")).ToHaveCountAsync(3);
        var box = page.GetByTestId("search-input");
        await box.FillAsync($"{word} lima");
        await Expect(page.GetByTestId("search-result")).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new Regex($"/search\\?q={word}%20lima$"));
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/leads/{leads[1]}$"));
        await Expect(page.GetByTestId("lead-name-heading")).ToContainTextAsync($"{word} lima");
    }

    [Fact]
    public async Task An_admin_finds_an_account_by_its_name_and_opens_it()
    {
        var name = "Orfevrerie" + Guid.NewGuid().ToString("N")[..6];
        await AllDayCampaignAsync(new JourneyCampaign(AccountName: name), 1);
        var page = await SignedInPageAsync("admin@facturix.local", at: $"/search?q={name}");
        await WaitPageLoadedAsync(page);

        // No lead is named so: the first kind with matches is shown, the accounts.
        await Expect(page.GetByTestId("search-panel")).ToHaveAttributeAsync("data-tab", "accounts");
        await Expect(page.GetByTestId("search-tab-leads")).ToHaveAttributeAsync("data-count", "0");
        await Expect(page.GetByTestId("search-tab-campaigns")).ToHaveAttributeAsync("data-count", "1");
        var account = page.GetByTestId("search-result");
        await Expect(account).ToContainTextAsync(name);
        await account.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/accounts/[0-9a-f-]{36}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync(name);
    }
}
