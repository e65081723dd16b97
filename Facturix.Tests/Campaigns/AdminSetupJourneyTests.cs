using System.Text.RegularExpressions;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Campaigns;

/// <summary>
/// Issue 12's end-to-end journey across its features: an admin sets up a client and its campaign from nothing, and
/// the BD they staff it with, signed in all along in another browser, sees the campaign arrive without reloading.
/// </summary>
public sealed partial class AdminSetupJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_sets_up_an_account_and_campaign_and_the_assigned_bd_sees_it_arrive_live()
    {
        var bd = await NewStaffAsync("bd-journey");
        var bdPage = await SignedInPageAsync(bd, at: "/campaigns");
        await Expect(bdPage.GetByTestId("campaigns-empty")).ToBeVisibleAsync();
        var bdNavigations = 0;
        bdPage.FrameNavigated += (_, _) => bdNavigations++;

        // The client.
        var accountName = $"Menuiseries {Guid.NewGuid():N}"[..24];
        var admin = await SignedInPageAsync("admin@facturix.local");
        await admin.GetByTestId("nav-accounts").ClickAsync();
        await admin.GetByTestId("create-account").ClickAsync();
        await FillFieldsAsync((admin.GetByTestId("account-name"), accountName), (admin.GetByTestId("account-city"), "Nantes"));
        await admin.GetByTestId("form-submit").ClickAsync();
        await Expect(admin.GetByTestId("account-dialog")).ToHaveCountAsync(0);
        await admin.GetByTestId("account-search").FillAsync(accountName);
        var accountRow = admin.GetByTestId("account-row").Filter(new() { HasText = accountName });
        await Expect(accountRow).ToHaveCountAsync(1);
        // Opened by its address: the list may still be re-rendering for the search, and a click on a row being
        // replaced can be lost (AccountsJourneyTests covers clicking a row).
        var accountId = await accountRow.GetAttributeAsync("data-account-id");
        await admin.GotoAsync($"/accounts/{accountId}");
        await WaitInteractiveAsync(admin);

        // Its campaign, created from the account.
        await admin.GetByTestId("account-new-campaign").ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/campaigns/new\\?account="));
        await WaitInteractiveAsync(admin);
        var campaignName = $"Prospection {Guid.NewGuid():N}"[..22];
        // Objective, target and period share one line (three to a row left the end date alone on the next).
        var tops = new List<double>();
        foreach (var field in new[] { "campaign-objective-input", "campaign-target-input", "campaign-starts-on", "campaign-ends-on" })
            tops.Add((await admin.GetByTestId(field).BoundingBoxAsync())!.Y);
        Assert.True(tops.Max() - tops.Min() < 4, $"field tops {string.Join(", ", tops)}");
        await admin.GetByTestId("campaign-name-input").FillAsync(campaignName);
        await admin.GetByTestId("form-submit").ClickAsync();
        await Expect(admin).ToHaveURLAsync(CampaignUrl());
        await Expect(admin.GetByTestId("campaign-account")).ToHaveTextAsync(accountName);
        var campaignId = CampaignUrl().Match(admin.Url).Groups["id"].Value;

        // A status of its own.
        await admin.GetByTestId("campaign-tab-statuses").ClickAsync();
        await Expect(admin.GetByTestId("status-row")).ToHaveCountAsync(8);
        // One frame: the tab's own card sits flat in the tab panel, itself a card (it read as a card inside a card).
        Assert.Equal("0px none", await admin.GetByTestId("campaign-statuses")
            .EvaluateAsync<string>("e => { const s = getComputedStyle(e); return s.borderTopWidth + ' ' + s.boxShadow; }"));
        await admin.GetByTestId("status-add").ClickAsync();
        await admin.GetByTestId("status-label").FillAsync("Relance e-mail");
        await admin.Locator(".mud-dialog").GetByTestId("form-submit").ClickAsync();
        await Expect(admin.GetByTestId("status-row")).ToHaveCountAsync(9);

        // An outcome with its hotkey; a digit already taken is refused on its field first.
        await admin.GetByTestId("campaign-tab-outcomes").ClickAsync();
        await Expect(admin.GetByTestId("outcome-row")).ToHaveCountAsync(4);
        await admin.GetByTestId("outcome-add").ClickAsync();
        await admin.GetByTestId("outcome-label").FillAsync("Rappel demandé");
        await admin.GetByTestId("outcome-hotkey").FillAsync("1");
        await admin.Locator(".mud-dialog").GetByTestId("form-submit").ClickAsync();
        await Expect(admin.Locator("[data-testid='field-error'][data-field='Hotkey']")).ToBeVisibleAsync();
        await admin.GetByTestId("outcome-hotkey").FillAsync("5");
        await admin.Locator(".mud-dialog").GetByTestId("form-submit").ClickAsync();
        await Expect(admin.Locator("[data-testid='outcome-row'][data-hotkey='5']")).ToHaveCountAsync(1);

        // The BD on the team.
        await admin.GetByTestId("campaign-tab-assignments").ClickAsync();
        await admin.GetByTestId("assign-bd").ClickAsync();
        await admin.GetByTestId("assign-search").FillAsync(bd);
        // The debounced search narrows the list under the pointer: wait for it, or the click can land on the
        // row that stood there a moment before (CI saw "clicking the checkbox did not change its state").
        await Expect(admin.GetByTestId("assign-candidate")).ToHaveCountAsync(1);
        await admin.Locator($"[data-testid='assign-candidate'][data-user-email='{bd}'] input").CheckAsync();
        await admin.GetByTestId("assign-confirm").ClickAsync();
        await Expect(admin.Locator($"[data-testid='assignee-chip'][data-user-email='{bd}']")).ToBeVisibleAsync();

        // The BD's open list shows it, live.
        await Expect(bdPage.Locator($"[data-testid='campaign-row'][data-campaign-id='{campaignId}']")).ToBeVisibleAsync();
        Assert.Equal(0, bdNavigations);

        await using var db = FacturixDbOptions.CreateContext(App.ConnectionString);
        var id = Guid.Parse(campaignId);
        Assert.True(await db.CampaignStatuses.AnyAsync(s => s.CampaignId == id && s.Label == "Relance e-mail"));
        Assert.True(await db.CampaignOutcomes.AnyAsync(o => o.CampaignId == id && o.Hotkey == 5 && o.Label == "Rappel demandé"));
        // The trail says who did it, to what, and from where: the admin's browser address, taken from the circuit.
        var assigned = await db.AuditEvents.SingleAsync(e => e.Action == "campaign.assigned" && e.EntityId == id);
        Assert.Equal((bd, "127.0.0.1"), (assigned.TargetLabel, assigned.ClientIp));
    }

    [GeneratedRegex("/campaigns/(?<id>[0-9a-f-]{36})")]
    private static partial Regex CampaignUrl();
}
