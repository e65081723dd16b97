using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// The accessibility sweep (ADR 0090): axe-core, WCAG 2.0/2.1 A and AA, on every page the admin can open, on the workspace
/// with a lead on screen for a BD, and on the sign-in page signed out, in the light and the dark theme; and on what opens
/// only on a click (menus, dialogs, validation messages: the Surfaces part). Any serious or critical violation fails,
/// unless it sits in MudBlazor's own markup and is listed in <see cref="MudBlazorExclusions"/>. One sign-in per role and
/// theme, one page reused across routes.
/// </summary>
public sealed partial class AccessibilityJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [GeneratedRegex(@"\S")]
    private static partial Regex NonBlank();

    // Waits a frame (a render just applied starts its transitions at the next style update), then for every finite
    // animation or transition to end, again until none is left: a transition cut short by another style change rejects
    // its promise at once while its replacement still runs (a clean-clone run measured a button half-way so).
    private const string SettledScript = """
        async () => {
            for (let round = 0; round < 20; round++) {
                await new Promise(resolve => requestAnimationFrame(() => resolve()));
                const running = document.getAnimations().filter(a => a.playState === 'running'
                    && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
                if (running.length === 0) return;
                await Promise.all(running.map(a => a.finished.catch(() => null)));
            }
        }
        """;

    /// <summary>
    /// Violations inside MudBlazor's internal markup, which we cannot change without forking it: each is one rule on the
    /// narrowest selector that matches only that markup, never a whole rule. Why each is MudBlazor's: ADR 0090.
    /// </summary>
    private static readonly (string Rule, string Class)[] MudBlazorExclusions =
    [
        // MudMenu's ActivatorContent is wrapped in MudBlazor's own <div class="mud-menu-activator" role="button"
        // tabindex="0">, around whatever activator we give it: our user-menu button, the lead's status chip. Our activators
        // are real buttons; the wrapper's role and tab stop are MudBlazor's, not ours to change. Matched on the wrapper's
        // own class, not on axe's selector for it, which changes with the page and the menu's state (".mud-menu-activator",
        // "#mudinput… > .mud-menu-activator" with two menus, "div[aria-controls='menu-list…']" once one is open).
        ("nested-interactive", "mud-menu-activator"),
    ];

    /// <summary>
    /// Light: the demo admin (the default theme). Dark: an admin of the test's own, since the theme is a saved preference
    /// and the demo admin must stay light for the journeys after this one. The sign-in page is always light
    /// (<c>SignInLayout</c>), so it is swept once, in the light run.
    /// </summary>
    [Theory]
    [InlineData(Light)]
    [InlineData(Dark)]
    public async Task Every_page_has_no_serious_or_critical_violation_in(string theme)
    {
        var found = new List<string>();

        if (theme == Light)
        {
            // Signed out: the sign-in page.
            var signedOut = await NewPageAsync();
            await signedOut.GotoAsync("/Account/Login");
            await Expect(signedOut.GetByTestId("login-submit")).ToBeVisibleAsync();
            await SweepAsync(signedOut, "/Account/Login (signed out)", found);
        }

        // Admin: every page.
        var routes = await DemoRoutes.AllAsync(App);
        var admin = await SignedInInAsync(theme == Light ? "admin@facturix.local" : await NewAdminAsync(), theme);
        // Loaded afresh once, then page to page inside the circuit as the menu does: what axe reads is the page as shown,
        // the same either way, at a fifth of a load's cost (ADR 0099).
        await admin.GotoAsync(routes[0]);
        foreach (var route in routes)
        {
            await OpenInCircuitAsync(admin, route);
            await WaitLoadedAsync(admin, theme);
            await SweepAsync(admin, $"{route} ({theme})", found);
        }

        // BD: the workspace with a lead on screen (its call panel, script, outcome buttons). A BD and campaign of the test's
        // own, callable all day: the demo campaigns keep office hours, and out of them bd1's queues are empty.
        var email = await NewStaffAsync("bd-a11y");
        var (campaign, _) = await AllDayCampaignAsync(1, email);
        var bd = await SignedInInAsync(email, theme);
        await bd.GotoAsync($"/workspace?campaign={campaign}");
        await WaitLoadedAsync(bd, theme);
        await Expect(bd.GetByTestId("get-next")).ToBeEnabledAsync();
        await ClickUntilVisibleAsync(bd.GetByTestId("get-next"), bd.GetByTestId("current-lead"));
        await WaitLoadedAsync(bd, theme);
        await SweepAsync(bd, $"/workspace (BD, lead on screen, {theme})", found);

        Assert.True(found.Count == 0, $"{found.Count} serious or critical accessibility violation(s):\n{string.Join("\n", found)}");
    }

    private const string Light = "light";
    private const string Dark = "dark";

    private async Task<string> NewAdminAsync()
    {
        var email = $"admin-a11y-{Guid.NewGuid():N}@test.local";
        await App.CreateUserAsync(email, Roles.Admin);
        return email;
    }

    /// <summary>
    /// Signed in, in <paramref name="theme"/>. Dark goes through the app bar's switch, as a person would, then waits for the
    /// preference to be saved: the switch applies the theme at once and saves it after, and the sweep starts with a fresh
    /// load, which reads the saved preference.
    /// </summary>
    private async Task<IPage> SignedInInAsync(string email, string theme, string? at = null)
    {
        var page = await SignedInPageAsync(email, at: at);
        if (theme == Dark)
        {
            await WaitPageLoadedAsync(page);
            await ClickUntilVisibleAsync(page.GetByTestId("theme-switch"), page.Locator("[data-testid='theme-switch'][aria-pressed='true']"));
            var actor = await App.ActorAsync(email);
            await Eventually.HoldsAsync(() => App.Get<IUserPreferencesService>().GetAsync(actor), p => p.DarkMode, "saved as dark");
        }
        return page;
    }

    private static async Task WaitLoadedAsync(IPage page, string theme)
    {
        await WaitPageLoadedAsync(page);
        // The layout reads the saved theme as it starts: a sweep "in dark" must not measure a page still light.
        await Expect(page.Locator($"[data-testid='theme-switch'][aria-pressed='{(theme == Dark ? "true" : "false")}']")).ToBeAttachedAsync();
        // Nothing is prerendered (ADR 0009): the title comes with the circuit's HeadOutlet, a render after the page's own.
        // Waited for, briefly: a page with no title at all still fails, on axe's document-title rule.
        try { await Expect(page).ToHaveTitleAsync(NonBlank(), new() { Timeout = 5_000 }); }
        catch (PlaywrightException) { }
        // Settled: a fade-in (150 ms) or a button's colour transition as it turns enabled once the data is there would let
        // axe measure a half-blended colour. Finite animations and transitions only; spinners and pulses never end.
        await page.EvaluateAsync(SettledScript);
    }

    private static async Task SweepAsync(IPage page, string where, List<string> found)
    {
        // Not an axe rule: a progress bar inside a live region is announced at every step on top of the region's text.
        var barsInLiveRegions = await page.Locator(
            "[role=status] [role=progressbar], [aria-live=polite] [role=progressbar], [aria-live=assertive] [role=progressbar]").CountAsync();
        if (barsInLiveRegions > 0)
            found.Add($"{where}: {barsInLiveRegions} progress bar(s) inside a live region, announced twice");
        // A page shown dark is the light one's markup in other colours: it is checked on the rules a theme can change, the
        // light run of the same theory having checked it on all (ADR 0102).
        var dark = await page.Locator("[data-testid='theme-switch'][aria-pressed='true']").CountAsync() > 0;
        var result = await AxeInPage.RunAsync(page, themeDependentOnly: dark);
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var selectors = violation.Nodes
                .Where(node => !IsExcluded(violation.Id, node.Html))
                .Select(node => $"{node.Target} ({string.Join(" ", node.Any.Select(check => check.Message))})")
                .ToList();
            if (selectors.Count > 0)
                found.Add($"{where}: {violation.Id} ({violation.Impact}) at {string.Join(", ", selectors)}");
        }
    }

    // The offending element itself must carry the excluded class (its own opening tag), not merely sit inside it.
    private static bool IsExcluded(string rule, string html)
    {
        var openingTag = html.Split('>', 2)[0];
        var classes = ClassAttribute().Match(openingTag) is { Success: true } match
            ? match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
        return MudBlazorExclusions.Any(e => e.Rule == rule && classes.Contains(e.Class, StringComparer.Ordinal));
    }

    [GeneratedRegex(@"\sclass=""([^""]*)""")]
    private static partial Regex ClassAttribute();
}
