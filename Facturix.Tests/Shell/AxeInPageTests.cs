using Facturix.Tests.Support;

namespace Facturix.Tests.Shell;

/// <summary>
/// The sweep's axe runner (ADR 0097) really reports: a page with known violations must come back with them, and a
/// second run in the same document (axe already injected) must report the same, so a sweep that finds nothing means
/// the pages are clean, not that axe never ran.
/// </summary>
public sealed class AxeInPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Known_violations_are_reported_with_their_impact_and_element_on_every_run()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync("""
            <html lang="fr"><head><title>Essai</title></head>
            <body><main><img src="data:," id="no-alt"><button id="no-name"></button>
            <p style="color:#777;background:#888">Gris sur gris</p></main></body></html>
            """);

        foreach (var run in new[] { "first", "second" })
        {
            var result = await AxeInPage.RunAsync(page);

            var found = result.Violations.ToDictionary(v => v.Id, v => (v.Impact, Targets: v.Nodes.Select(n => n.Target.ToString()).ToList()));
            Assert.True(found.ContainsKey("image-alt"), $"{run} run: image-alt missing in {string.Join(", ", found.Keys)}");
            Assert.Equal("critical", found["image-alt"].Impact);
            Assert.Contains("#no-alt", found["image-alt"].Targets);
            Assert.Contains("#no-name", found["button-name"].Targets);
            Assert.Equal("serious", found["color-contrast"].Impact);
            // Only violations are built in full (axe keeps one example of each pass, for speed), and only the WCAG A/AA
            // rules ran: a page without an h1 breaks only a best practice.
            Assert.All(result.Passes, pass => Assert.True(pass.Nodes.Count() <= 1, $"{pass.Id}: {pass.Nodes.Count()} nodes"));
            Assert.DoesNotContain("page-has-heading-one", found.Keys);
        }
    }

    [Fact]
    public async Task The_theme_run_reports_contrast_and_nothing_a_theme_cannot_change()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync("""
            <html lang="fr"><head><title>Essai</title></head>
            <body><main><img src="data:," id="no-alt">
            <p style="color:#000">Du texte et <a href="#x" style="color:#111;text-decoration:none" id="blend">un lien</a> fondu.</p>
            <p style="color:#777;background:#888" id="grey">Gris sur gris</p></main></body></html>
            """);

        var result = await AxeInPage.RunAsync(page, themeDependentOnly: true);

        var found = result.Violations.ToDictionary(v => v.Id, v => v.Nodes.Select(n => n.Target.ToString()).ToList());
        Assert.Contains("#grey", found["color-contrast"]);
        Assert.Contains("#blend", found["link-in-text-block"]);
        Assert.DoesNotContain("image-alt", found.Keys);
        Assert.All(found.Keys, rule => Assert.Contains(rule, AxeInPage.ThemeDependentRules));
    }
}
