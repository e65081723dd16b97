using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// Our stylesheets as Chromium parsed them. One missing "}" in app.css (then one file) once turned every later rule into a rule nested
/// in the one before (CSS nesting is valid CSS, so nothing failed): the workspace, the import wizard and the dashboard's
/// toggles lost their layout and no functional test noticed. We write no nested rules, so any is such a slip.
/// </summary>
public sealed class StylesheetJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>Per sheet of the app's origin: its file name, its top-level rule count and the selectors of nested rules.</summary>
    private const string ReadSheets = """
        () => [...document.styleSheets]
            .filter(sheet => sheet.href && new URL(sheet.href).origin === location.origin)
            .map(sheet => {
                const nested = [];
                const walk = (rules, inStyleRule) => {
                    for (const rule of rules) {
                        if (rule instanceof CSSStyleRule && inStyleRule) nested.push(rule.selectorText);
                        if (rule.cssRules) walk(rule.cssRules, inStyleRule || rule instanceof CSSStyleRule);
                    }
                };
                walk(sheet.cssRules, false);
                return { file: new URL(sheet.href).pathname.split('/').pop(), rules: sheet.cssRules.length, nested };
            })
        """;

    private sealed class SheetReport
    {
        public string File { get; init; } = "";
        public int Rules { get; init; }
        public string[] Nested { get; init; } = [];
    }

    [Fact]
    public async Task Our_stylesheets_hold_no_rule_nested_by_a_missing_brace()
    {
        var page = await SignedInPageAsync("manager@facturix.local");
        await Expect(page.GetByTestId("metrics-scope")).ToBeVisibleAsync();

        var sheets = await page.EvaluateAsync<SheetReport[]>(ReadSheets);

        // The app's own sheets, all six, and the components' scoped bundle were read (names are fingerprinted: app.<hash>.css).
        foreach (var name in new[] { "app.", "shell.", "lists.", "workspace.", "import.", "controls." })
            Assert.Contains(sheets, sheet => sheet.File.StartsWith(name, StringComparison.Ordinal) && sheet.Rules > 10);
        Assert.Contains(sheets, sheet => sheet.File.StartsWith("Facturix.App.", StringComparison.Ordinal) && sheet.Rules > 10);
        Assert.All(sheets, sheet => Assert.True(sheet.Nested.Length == 0,
            $"{sheet.File}: rules nested in another rule (a missing '}}' before them?): {string.Join(", ", sheet.Nested.Take(5))}"));
        // The last sheet's rules apply where they are used: the dashboard's scope toggle wraps its buttons (the default is nowrap).
        Assert.Equal("wrap", await page.GetByTestId("metrics-scope").EvaluateAsync<string>("e => getComputedStyle(e).flexWrap"));
    }
}
