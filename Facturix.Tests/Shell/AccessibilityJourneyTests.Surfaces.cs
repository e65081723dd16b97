using Facturix.Domain.Accounts;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// What the page sweep cannot see because it opens only on a click (ADR 0090): the user menu, the lead's status menu, the
/// confirmation, the goal, account, status and new staff member dialogs, and forms showing their validation messages; and an account on hold, whose
/// amber chip no demo account shows. One admin of the test's own per theme (the theme is a saved preference); nothing is
/// saved: each dialog is cancelled.
/// </summary>
public sealed partial class AccessibilityJourneyTests
{
    [Theory]
    [InlineData(Light)]
    [InlineData(Dark)]
    public async Task Menus_dialogs_and_validation_messages_have_no_serious_or_critical_violation_in(string theme)
    {
        var found = new List<string>();
        // Signed in on the dashboard; from there page to page inside the circuit, as the menu does (ADR 0099), each
        // dialog and menu closed before moving on.
        var page = await SignedInInAsync(await NewAdminAsync(), theme);
        await WaitLoadedAsync(page, theme);

        // The goal dialog, then submitted empty. Opened from the card's add button, or from its empty state's action when no
        // goal is set yet (a fresh database: no other test has set one).
        var addGoal = page.GetByTestId("goal-add").Or(page.GetByTestId("goals-empty-action"));
        await ClickUntilVisibleAsync(addGoal, page.GetByTestId("goal-dialog"));
        await SweepOpenAsync(page, $"goal dialog ({theme})", found);
        await SubmitInvalidAsync(OpenDialog(page));
        await SweepOpenAsync(page, $"goal dialog, invalid ({theme})", found);
        await OpenDialog(page).GetByTestId("form-cancel").ClickAsync();
        await Expect(page.GetByTestId("goal-dialog")).ToBeHiddenAsync();

        // The user menu, open (every page's app bar); then Escape closes it and gives the focus back to its button, as a
        // menu button's menu does (WAI-ARIA APG), wherever the focus was: on the button, or on an item reached by Tab.
        await ClickUntilVisibleAsync(page.GetByTestId("user-menu"), page.GetByTestId("logout"));
        await SweepOpenAsync(page, $"user menu ({theme})", found);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("logout")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("user-menu")).ToBeFocusedAsync();
        await ClickUntilVisibleAsync(page.GetByTestId("user-menu"), page.GetByTestId("logout"));
        await page.GetByTestId("user-aircall").FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("logout")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("user-menu")).ToBeFocusedAsync();

        // The new account dialog, then submitted empty; over the list showing an account on hold, whose status chip is
        // written in the warning colour (the demo accounts are none on hold).
        var (onHold, onHoldName) = await OnHoldAccountAsync();
        await OpenInCircuitAsync(page, "/accounts");
        await WaitLoadedAsync(page, theme);
        await page.GetByTestId("account-search").FillAsync(onHoldName);
        await Expect(page.GetByTestId("account-row")).ToHaveCountAsync(1);
        await ClickUntilVisibleAsync(page.GetByTestId("create-account"), page.GetByTestId("account-dialog"));
        await SweepOpenAsync(page, $"new account dialog ({theme})", found);
        await SubmitInvalidAsync(OpenDialog(page));
        await SweepOpenAsync(page, $"new account dialog, invalid ({theme})", found);
        await OpenDialog(page).GetByTestId("form-cancel").ClickAsync();
        await Expect(page.GetByTestId("account-dialog")).ToBeHiddenAsync();

        // The confirmation (Confirmations.AskAsync), as archiving an account asks it; cancelled.
        await OpenInCircuitAsync(page, $"/accounts/{onHold}");
        await WaitLoadedAsync(page, theme);
        await ClickUntilVisibleAsync(page.GetByTestId("account-archive"), page.GetByTestId("confirm-dialog"));
        await SweepOpenAsync(page, $"confirmation dialog ({theme})", found);
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToBeHiddenAsync();

        // The new campaign form, submitted empty.
        await OpenInCircuitAsync(page, "/campaigns/new");
        await WaitLoadedAsync(page, theme);
        await SubmitInvalidAsync(page.GetByTestId("campaign-create-form"));
        await SweepOpenAsync(page, $"/campaigns/new, invalid ({theme})", found);

        // A campaign's status dialog (its colour field), submitted empty; nothing is added.
        var (lead, campaign) = await LeadWithStatusesAsync();
        await OpenInCircuitAsync(page, $"/campaigns/{campaign}?tab=statuses");
        await WaitLoadedAsync(page, theme);
        await ClickUntilVisibleAsync(page.GetByTestId("status-add"), page.GetByTestId("status-dialog"));
        await SubmitInvalidAsync(OpenDialog(page));
        await SweepOpenAsync(page, $"status dialog, invalid ({theme})", found);
        await OpenDialog(page).GetByTestId("form-cancel").ClickAsync();
        await Expect(page.GetByTestId("status-dialog")).ToBeHiddenAsync();

        // The new staff member dialog, submitted empty.
        await OpenInCircuitAsync(page, "/admin/users");
        await WaitLoadedAsync(page, theme);
        await ClickUntilVisibleAsync(page.GetByTestId("user-create"), page.GetByTestId("user-create-dialog"));
        await SubmitInvalidAsync(OpenDialog(page));
        await SweepOpenAsync(page, $"new staff member dialog, invalid ({theme})", found);
        await OpenDialog(page).GetByTestId("user-create-cancel").ClickAsync();
        await Expect(page.GetByTestId("user-create-dialog")).ToBeHiddenAsync();

        // The lead's status menu, open.
        await OpenInCircuitAsync(page, $"/leads/{lead}");
        await WaitLoadedAsync(page, theme);
        await ClickUntilVisibleAsync(page.GetByTestId("lead-status"), page.GetByTestId("lead-status-option").First);
        await SweepOpenAsync(page, $"lead status menu ({theme})", found);
        // Opened with a click, the focus is still on the chip: Escape closes the menu from there too (EscapeClosesMenu).
        await Expect(page.GetByTestId("lead-status")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("lead-status-option").First).ToBeHiddenAsync();

        // A toast (an info one: the clean-up asks for a campaign filter first; nothing is changed), whose fill is its own.
        await OpenInCircuitAsync(page, "/leads");
        await WaitLoadedAsync(page, theme);
        var toast = page.Locator("[data-testid='toast'][data-severity='info']");
        await ClickUntilVisibleAsync(page.GetByTestId("cleanup-open"), toast);
        await SweepToastAsync(toast, $"info toast ({theme})", found);

        Assert.True(found.Count == 0, $"{found.Count} serious or critical accessibility violation(s):\n{string.Join("\n", found)}");
    }

    /// <summary>
    /// The dialog on screen, MudBlazor's own box: in the browser the actions (submit, cancel) are not found inside the
    /// element carrying a MudDialog's hook, but they are inside this box.
    /// </summary>
    private static ILocator OpenDialog(IPage page) => page.Locator(".mud-dialog");

    /// <summary>Submits <paramref name="form"/> as it is and waits for its first validation message.</summary>
    private static Task SubmitInvalidAsync(ILocator form) =>
        ClickUntilVisibleAsync(form.GetByTestId("form-submit"), form.GetByTestId("field-error").First);

    /// <summary>A surface just opened: its open animation (a popover's or a dialog's fade) ended before axe measures.</summary>
    private static async Task SweepOpenAsync(IPage page, string where, List<string> found)
    {
        await page.EvaluateAsync(SettledScript);
        await SweepAsync(page, where, found);
    }

    /// <summary>Closes a toast with its own close button, as a person does, instead of waiting out its 5 s (ShellSetup).</summary>
    private static async Task DismissToastAsync(ILocator toast)
    {
        await toast.Locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' mud-snackbar ')]")
            .Locator(".mud-snackbar-close-button").ClickAsync();
        await Expect(toast).ToHaveCountAsync(0);
    }

    /// <summary>
    /// A toast fully shown: it fades in through an inline opacity, not an animation SettledScript sees, and a half-faded
    /// toast reads as lighter colours. Fully shown is opaque (ShellSetup: MudBlazor's default stopped at 95 %).
    /// </summary>
    private static async Task SweepToastAsync(ILocator toast, string where, List<string> found)
    {
        // Shown: its fade-in (an inline opacity, which SettledScript does not see) has reached its end, fully opaque.
        await Expect(toast.Locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' mud-snackbar ')]")).ToHaveCSSAsync("opacity", "1");
        await SweepOpenAsync(toast.Page, where, found);
    }

    private async Task<(Guid Id, string Name)> OnHoldAccountAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var account = new Account
        {
            Id = Guid.CreateVersion7(), Name = $"A11y {Guid.NewGuid():N}", Status = AccountStatus.OnHold, CreatedAt = now, UpdatedAt = now,
        };
        await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return (account.Id, account.Name);
    }

    /// <summary>A lead whose campaign has statuses of its own (only then is its status chip a menu), and that campaign.</summary>
    private async Task<(Guid Lead, Guid Campaign)> LeadWithStatusesAsync()
    {
        await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        var lead = await db.Leads.Where(l => db.CampaignStatuses.Any(s => s.CampaignId == l.CampaignId))
            .OrderBy(l => l.CreatedAt).Select(l => new { l.Id, l.CampaignId }).FirstAsync();
        return (lead.Id, lead.CampaignId);
    }
}
