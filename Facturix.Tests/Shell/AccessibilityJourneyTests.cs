using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// The accessibility sweep (ADR 0090): axe-core, WCAG 2.0/2.1 A and AA, on every page the admin can open, on the workspace
/// with a lead on screen for a BD, and on the sign-in page signed out. Any serious or critical violation fails, unless it
/// sits in MudBlazor's own markup and is listed in <see cref="MudBlazorExclusions"/>. One sign-in per role, one page reused
/// across routes: the sweep stays around a minute.
/// </summary>
public sealed partial class AccessibilityJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [GeneratedRegex(@"\S")]
    private static partial Regex NonBlank();

    private const string SettledScript = """
        () => Promise.all(document.getAnimations()
            .filter(a => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
            .map(a => a.finished.catch(() => null)))
        """;

    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // Only violations are read: axe skips building the (large) passes and incomplete lists.
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>
    /// Violations inside MudBlazor's internal markup, which we cannot change without forking it: each is one rule on the
    /// narrowest selector that matches only that markup, never a whole rule. Why each is MudBlazor's: ADR 0090.
    /// </summary>
    private static readonly (string Rule, string Selector)[] MudBlazorExclusions =
    [
        // MudMenu's ActivatorContent is wrapped in MudBlazor's own <div class="mud-menu-activator" role="button"
        // tabindex="0">, around whatever activator we give it: our user-menu button, the lead's status chip (two menus on
        // the lead page, so axe names each wrapper through its menu's generated id, "#mudinput… > .mud-menu-activator").
        // Our activators are real buttons; the wrapper's role and tab stop are MudBlazor's, not ours to change.
        ("nested-interactive", ".mud-menu-activator"),
    ];

    [Fact]
    public async Task Every_page_has_no_serious_or_critical_violation()
    {
        var found = new List<string>();

        // Signed out: the sign-in page.
        var signedOut = await NewPageAsync();
        await signedOut.GotoAsync("/Account/Login");
        await Expect(signedOut.GetByTestId("login-submit")).ToBeVisibleAsync();
        await SweepAsync(signedOut, "/Account/Login (signed out)", found);

        // Admin: every page.
        var routes = await DemoRoutes.AllAsync(App);
        var admin = await SignedInPageAsync("admin@facturix.local");
        foreach (var route in routes)
        {
            await admin.GotoAsync(route);
            await WaitLoadedAsync(admin);
            await SweepAsync(admin, route, found);
        }

        // BD: the workspace with a lead on screen (its call panel, script, outcome buttons). A BD and campaign of the test's
        // own, callable all day: the demo campaigns keep office hours, and out of them bd1's queues are empty.
        var email = await NewStaffAsync("bd-a11y");
        var (campaign, _) = await AllDayCampaignAsync(1, email);
        var bd = await SignedInPageAsync(email);
        await bd.GotoAsync($"/workspace?campaign={campaign}");
        await WaitLoadedAsync(bd);
        await Expect(bd.GetByTestId("get-next")).ToBeEnabledAsync();
        await ClickUntilVisibleAsync(bd.GetByTestId("get-next"), bd.GetByTestId("current-lead"));
        await WaitLoadedAsync(bd);
        await SweepAsync(bd, "/workspace (BD, lead on screen)", found);

        Assert.True(found.Count == 0, $"{found.Count} serious or critical accessibility violation(s):\n{string.Join("\n", found)}");
    }

    private static async Task WaitLoadedAsync(IPage page)
    {
        await WaitPageLoadedAsync(page);
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
        var result = await page.RunAxe(Options);
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var selectors = violation.Nodes
                .Select(n => n.Target.ToString())
                .Where(selector => !IsExcluded(violation.Id, selector))
                .ToList();
            if (selectors.Count > 0)
                found.Add($"{where}: {violation.Id} ({violation.Impact}) at {string.Join(", ", selectors)}");
        }
    }

    // The offending element itself (the selector's last step) must be the excluded one, not merely sit inside it.
    private static bool IsExcluded(string rule, string selector) =>
        MudBlazorExclusions.Any(e => e.Rule == rule && selector.Split([' ', '>'], StringSplitOptions.RemoveEmptyEntries)[^1]
            .StartsWith(e.Selector, StringComparison.Ordinal));
}
