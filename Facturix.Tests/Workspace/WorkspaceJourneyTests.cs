using System.Text.RegularExpressions;
using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Workspace;

/// <summary>
/// Issue 14's journey: two BDs in two browsers on one campaign get different leads; the other BD's lead list shows the
/// lock live and its release (skip; 1 then N; the circuit closing), without a reload; the call lands on the lead's timeline.
/// </summary>
public sealed class WorkspaceJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Two_bds_get_different_leads_and_each_sees_the_others_lock_come_and_go_live()
    {
        var emailA = await NewStaffAsync("bd-a");
        var emailB = await NewStaffAsync("bd-b");
        var (campaignId, leadIds) = await AllDayCampaignAsync(3, emailA, emailB);

        // B watches the campaign's leads: nothing is locked yet.
        var bList = await SignedInPageAsync(emailB, at: $"/leads?campaign={campaignId}");
        await Expect(bList.GetByTestId("lead-row")).ToHaveCountAsync(3);
        await Expect(bList.GetByTestId("lead-lock")).ToHaveCountAsync(0);

        // A takes the next lead.
        var a = await SignedInPageAsync(emailA, at: $"/workspace?campaign={campaignId}");
        await Expect(a.GetByTestId("campaign-select")).ToHaveAttributeAsync("data-selected", campaignId.ToString());
        await Expect(a.GetByTestId("current-lead")).ToHaveCountAsync(0); // nothing locked by merely opening the page
        await ClickUntilVisibleAsync(a.GetByTestId("get-next"), a.GetByTestId("current-lead"));
        var leadA = Guid.Parse((await a.GetByTestId("current-lead").GetAttributeAsync("data-lead-id"))!);
        Assert.Contains(leadA, leadIds);
        await Expect(a.GetByTestId("current-lead").GetByTestId("lead-name")).ToContainTextAsync("Camille");
        await Expect(a.GetByTestId("lease-remaining")).ToBeVisibleAsync();

        // B's list shows A's lock without a reload.
        await Expect(LockOf(bList, leadA)).ToHaveAttributeAsync("data-locked-by", emailA);

        // B, in another tab, gets another lead.
        var b = await bList.Context.NewPageAsync();
        await b.GotoAsync($"/workspace?campaign={campaignId}");
        await WaitInteractiveAsync(b);
        await ClickUntilVisibleAsync(b.GetByTestId("get-next"), b.GetByTestId("current-lead"));
        var leadB = Guid.Parse((await b.GetByTestId("current-lead").GetAttributeAsync("data-lead-id"))!);
        Assert.NotEqual(leadA, leadB);
        await Expect(LockOf(bList, leadB)).ToHaveAttributeAsync("data-locked-by", emailB);

        // A skips with a reason: the lock goes, live on B's list, and A gets the last lead.
        await ClickUntilVisibleAsync(a.GetByTestId("skip-lead"), a.GetByTestId("skip-reason"));
        await a.GetByTestId("skip-reason").FillAsync("Mauvais interlocuteur");
        await a.GetByTestId("skip-confirm").ClickAsync();
        await Expect(a.GetByTestId("current-lead")).Not.ToHaveAttributeAsync("data-lead-id", leadA.ToString());
        var leadA2 = Guid.Parse((await a.GetByTestId("current-lead").GetAttributeAsync("data-lead-id"))!);
        Assert.DoesNotContain(leadA2, new[] { leadA, leadB });
        await Expect(LockOf(bList, leadA)).ToHaveCountAsync(0);
        await Expect(LockOf(bList, leadA2)).ToHaveAttributeAsync("data-locked-by", emailA);

        // A logs "no answer" with 1 and moves on with N: the lock goes, live on B's list; nothing is left to call for A.
        await a.GetByTestId("lead-name").ClickAsync(); // focus on the page, not in a field
        await a.Keyboard.PressAsync("1");
        await Expect(a.GetByTestId("outcome-recorded")).ToHaveAttributeAsync("data-key", "no-answer");
        await a.Keyboard.PressAsync("n");
        await Expect(a.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await Expect(LockOf(bList, leadA2)).ToHaveCountAsync(0);

        // The call shows on the lead's timeline.
        await bList.GotoAsync($"/leads/{leadA2}");
        await WaitInteractiveAsync(bList);
        await Expect(bList.Locator("[data-testid='timeline-item'][data-kind='call']")).ToHaveCountAsync(1);

        // B's workspace tab goes away: its circuit closes and B's lock is released, live on B's list.
        await bList.GotoAsync($"/leads?campaign={campaignId}");
        await WaitInteractiveAsync(bList);
        await Expect(LockOf(bList, leadB)).ToHaveAttributeAsync("data-locked-by", emailB);
        await b.GotoAsync("about:blank");
        await Expect(LockOf(bList, leadB)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_other_bds_lead_page_shows_the_lock_live_and_its_release_on_1_then_n()
    {
        var emailA = await NewStaffAsync("bd-a");
        var emailB = await NewStaffAsync("bd-b");
        var (campaignId, leadIds) = await AllDayCampaignAsync(1, emailA, emailB);
        var leadId = leadIds.Single();

        // B has the lead open: B is in its presence strip; nobody holds it, no call yet.
        var b = await SignedInPageAsync(emailB, at: $"/leads/{leadId}");
        await Expect(b.GetByTestId("lead-presence")).ToHaveAttributeAsync("data-user-email", emailB);
        await Expect(b.GetByTestId("lead-lock")).ToHaveCountAsync(0);
        await Expect(CallsOn(b)).ToHaveCountAsync(0);

        // A, in another browser, takes the campaign's only lead: B's lead page shows A's lock without a reload.
        var a = await SignedInPageAsync(emailA, at: $"/workspace?campaign={campaignId}");
        await ClickUntilVisibleAsync(a.GetByTestId("get-next"), a.GetByTestId("current-lead"));
        await Expect(a.GetByTestId("current-lead")).ToHaveAttributeAsync("data-lead-id", leadId.ToString());
        await Expect(b.GetByTestId("lead-lock")).ToHaveAttributeAsync("data-locked-by", emailA);
        await Expect(b.GetByTestId("lead-presence")).ToHaveCountAsync(1); // A works the lead from the workspace, not its page

        // Real key presses, focus outside any field. The shortcuts module loads after the workspace's first render:
        // ? opening the help proves it listens before 1 is pressed (a key pressed earlier would be lost silently).
        await a.GetByTestId("lead-name").ClickAsync();
        await PressUntilVisibleAsync(a, "?", a.GetByTestId("shortcut-help"));
        await Expect(a.GetByTestId("shortcut-help")).ToBeFocusedAsync(); // a modal dialog takes the focus, for screen readers
        await a.Keyboard.PressAsync("Escape");
        await Expect(a.GetByTestId("shortcut-help")).ToHaveCountAsync(0);

        // 1 logs "no answer": the call lands on B's timeline live, and A still holds the lead.
        await a.Keyboard.PressAsync("1");
        await Expect(a.GetByTestId("outcome-recorded")).ToHaveAttributeAsync("data-key", "no-answer");
        await Expect(CallsOn(b)).ToHaveCountAsync(1);
        await Expect(b.GetByTestId("lead-lock")).ToHaveAttributeAsync("data-locked-by", emailA);

        // N moves on: the lock leaves B's lead page live; B is still there.
        await a.Keyboard.PressAsync("n");
        await Expect(a.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await Expect(b.GetByTestId("lead-lock")).ToHaveCountAsync(0);
        await Expect(b.GetByTestId("lead-presence")).ToHaveAttributeAsync("data-user-email", emailB);
    }

    [Fact]
    public async Task A_bd_on_one_campaign_starts_with_it_chosen_and_one_on_two_picks_from_the_empty_states_buttons()
    {
        var onOne = await NewStaffAsync("bd-one");
        var onTwo = await NewStaffAsync("bd-two");
        var (first, _) = await AllDayCampaignAsync(2, onOne, onTwo);
        var (second, secondLeads) = await AllDayCampaignAsync(2, onTwo);

        // A fresh browser (nothing remembered), a single campaign: chosen on arrival, Get Next ready at once.
        var one = await SignedInPageAsync(onOne, at: "/workspace");
        await Expect(one.GetByTestId("campaign-select")).ToHaveAttributeAsync("data-selected", first.ToString());
        await Expect(one.GetByTestId("workspace-campaign-choice")).ToHaveCountAsync(0);
        await Expect(one.GetByTestId("get-next")).ToBeEnabledAsync();

        // Two campaigns: each is a button; choosing one takes no lead, N then takes one of that campaign.
        var two = await SignedInPageAsync(onTwo, at: "/workspace");
        await Expect(two.GetByTestId("workspace-campaign-choice")).ToHaveCountAsync(2);
        await Expect(two.GetByTestId("get-next")).ToBeDisabledAsync();
        await ClickUntilVisibleAsync(two.Locator($"[data-testid='workspace-campaign-choice'][data-campaign-id='{second}']"),
            two.Locator($"[data-testid='campaign-select'][data-selected='{second}']"));
        await Expect(two.GetByTestId("current-lead")).ToHaveCountAsync(0);
        await ClickUntilVisibleAsync(two.GetByTestId("get-next"), two.GetByTestId("current-lead"));
        Assert.Contains(Guid.Parse((await two.GetByTestId("current-lead").GetAttributeAsync("data-lead-id"))!), secondLeads);
    }

    [Fact]
    public async Task A_campaign_chosen_with_the_keyboard_in_the_selector_is_worked_with_n_at_once()
    {
        var bd = await NewStaffAsync("bd-keys");
        var (first, firstLeads) = await AllDayCampaignAsync(1, bd);
        var (second, secondLeads) = await AllDayCampaignAsync(1, bd);
        var page = await SignedInPageAsync(bd, at: "/workspace");
        await Expect(page.GetByTestId("workspace-campaign-choice")).ToHaveCountAsync(2); // none chosen yet

        // No mouse: into the selector, down to a campaign, Enter; then N, as the help says.
        await page.GetByTestId("campaign-select").FocusAsync();
        await PressUntilVisibleAsync(page, "ArrowDown", page.GetByTestId("campaign-option").First);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("campaign-option")).ToHaveCountAsync(0); // the list closed
        // An id, not merely "not empty": with nothing chosen the attribute is absent, which "not empty" let through (a
        // clean run read it before the choice landed).
        await Expect(page.GetByTestId("campaign-select")).ToHaveAttributeAsync("data-selected", new Regex("^[0-9a-f-]{36}$"));
        var chosen = Guid.Parse((await page.GetByTestId("campaign-select").GetAttributeAsync("data-selected"))!);
        await page.Keyboard.PressAsync("n");

        await Expect(page.GetByTestId("current-lead")).ToBeVisibleAsync();
        var lead = Guid.Parse((await page.GetByTestId("current-lead").GetAttributeAsync("data-lead-id"))!);
        Assert.Contains(lead, chosen == first ? firstLeads : secondLeads);
        Assert.Contains(chosen, new[] { first, second });
    }

    [Fact]
    public async Task A_second_digit_in_the_same_hold_corrects_the_outcome_and_the_timeline_keeps_one_call()
    {
        var bd = await NewStaffAsync("bd-fix");
        var (campaignId, leadIds) = await AllDayCampaignAsync(1, bd);
        var page = await SignedInPageAsync(bd, at: $"/workspace?campaign={campaignId}");
        await ClickUntilVisibleAsync(page.GetByTestId("get-next"), page.GetByTestId("current-lead"));
        await page.GetByTestId("lead-name").ClickAsync();
        await PressUntilVisibleAsync(page, "?", page.GetByTestId("shortcut-help")); // the shortcuts listen
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("shortcut-help")).ToHaveCountAsync(0);

        // 1 (no answer), then the BD sees it was voicemail: 2 in the same hold amends the call (decision 0078).
        await page.Keyboard.PressAsync("1");
        await Expect(page.GetByTestId("outcome-recorded")).ToHaveAttributeAsync("data-key", "no-answer");
        await page.Keyboard.PressAsync("2");
        await Expect(page.GetByTestId("outcome-recorded")).ToHaveAttributeAsync("data-key", "voicemail");
        await page.Keyboard.PressAsync("n");
        await Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync(); // voicemail's retry is a day away

        // One call on the lead's timeline, the corrected one.
        await page.GotoAsync($"/leads/{leadIds.Single()}");
        await WaitInteractiveAsync(page);
        await Expect(CallsOn(page)).ToHaveCountAsync(1);
        await Expect(CallsOn(page)).ToContainTextAsync("Messagerie");
        await Expect(CallsOn(page)).Not.ToContainTextAsync("Pas de réponse");
    }

    private static ILocator CallsOn(IPage leadPage) => leadPage.Locator("[data-testid='timeline-item'][data-kind='call']");

    /// <summary>The lock badge sits next to the row's link in the same cell (docs/decisions/0016).</summary>
    private static ILocator LockOf(IPage page, Guid leadId) =>
        page.Locator("td", new() { Has = page.Locator($"[data-testid='lead-row'][data-lead-id='{leadId}']") }).GetByTestId("lead-lock");
}
