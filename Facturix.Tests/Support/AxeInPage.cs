using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Facturix.Tests.Support;

/// <summary>
/// Runs axe-core in the page's own document and reads its result as Deque's <see cref="AxeResult"/>. Deque's Playwright
/// runner (<c>RunAxe</c>) runs axe per frame and finishes the run in a fresh blank page it opens for each call: 1.0–3.4 s
/// a sweep here, against 0.3–1.3 s for the same rules run in place (ADR 0097). Our pages have no frames, so nothing is
/// lost. The axe-core build is the one Deque.AxeCore.Commons ships.
/// </summary>
public static class AxeInPage
{
    private const string AxeResourceName = "Deque.AxeCore.Commons.Resources.axe.min.js";

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream(AxeResourceName)
            ?? throw new InvalidOperationException($"{AxeResourceName} is not in Deque.AxeCore.Commons any more.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The WCAG 2.0 and 2.1 A and AA rules; only violations are built (axe skips the large passes lists).</summary>
    private const string WcagAaViolationsOnly =
        "{ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }";

    /// <summary>
    /// The WCAG A and AA rules whose outcome a colour theme can change: text contrast, and links told from the text
    /// around them by colour alone. Everything else axe checks reads the markup, which is the same in either theme.
    /// </summary>
    public static readonly IReadOnlyList<string> ThemeDependentRules = ["color-contrast", "link-in-text-block"];

    private static readonly string ThemeDependentViolationsOnly =
        $"{{ runOnly: {{ type: 'rule', values: [{string.Join(", ", ThemeDependentRules.Select(r => $"'{r}'"))}] }}, resultTypes: ['violations'] }}";

    /// <summary>
    /// Injects axe-core once per document (a navigation starts a new one) and runs the WCAG A and AA rules on the whole
    /// document, or only the <see cref="ThemeDependentRules"/>: for a page already swept whole in another theme (about a
    /// third of a whole run's time, ADR 0102).
    /// </summary>
    public static async Task<AxeResult> RunAsync(IPage page, bool themeDependentOnly = false)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
            await page.EvaluateAsync(AxeSource.Value);
        var options = themeDependentOnly ? ThemeDependentViolationsOnly : WcagAaViolationsOnly;
        var json = await page.EvaluateAsync<string>($"async () => JSON.stringify(await window.axe.run(document, {options}))");
        return new AxeResult(JObject.Parse(json));
    }
}
