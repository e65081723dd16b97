using System.Globalization;
using System.Resources;
using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Leads;

/// <summary>
/// The leads list's thirteen filters at 1280 × 800 (a laptop, the menu open): two rows, every filter in sight with its
/// label whole, the search's placeholder too. With MudGrid's twelve columns they took three rows, and the first leads sat
/// below the fold.
/// </summary>
public sealed class LeadFiltersLayoutJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] Filters =
    [
        "lead-search", "lead-filter-campaign", "lead-filter-account", "lead-filter-status", "lead-filter-owner",
        "lead-filter-score-min", "lead-filter-score-max", "lead-filter-country", "lead-filter-created", "lead-filter-activity",
        "lead-filter-email", "lead-filter-phone", "lead-filter-duplicate",
    ];

    [Fact]
    public async Task At_1280_px_the_filters_take_two_rows_and_none_is_hidden()
    {
        var page = await SignedInPageAsync("bd1@facturix.local");
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/leads");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("lead-filter-duplicate")).ToBeAttachedAsync();

        // Each filter's hook is there, once (a strict locator: the date ranges' hooks once sat on both of their inputs).
        foreach (var hook in Filters)
            await Expect(page.GetByTestId(hook)).ToBeAttachedAsync();

        var layout = await page.EvaluateAsync<Layout>("""
            () => {
                const bar = document.querySelector('.fx-lead-filters');
                const box = bar.getBoundingClientRect();
                const items = [...bar.children].map(i => i.getBoundingClientRect());
                return {
                    rows: new Set(items.map(r => Math.round(r.top))).size,
                    height: Math.round(box.height),
                    items: items.length,
                    hidden: items.filter(r => r.width < 80 || r.height === 0 || r.right > box.right + 1 || r.left < box.left - 1).length,
                    widths: items.map(r => Math.round(r.width)).join(' '),
                    clipped: [...bar.querySelectorAll('label')].filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent),
                };
            }
            """);

        Assert.Equal(Filters.Length, layout.Items);
        Assert.True(layout.Rows <= 2, $"the filters take {layout.Rows} rows ({layout.Height} px high); widths: {layout.Widths}");
        Assert.True(layout.Height < 150, $"the filter bar is {layout.Height} px high");
        Assert.Equal(0, layout.Hidden);
        Assert.Empty(layout.Clipped);

        // The search's placeholder reads whole, in French and in English (decision 0088): its text, measured in the
        // input's own font, fits the input's content box. An input's scrollWidth ignores its placeholder, hence the canvas.
        var hints = new[] { "fr", "en" }.Select(c => SearchHints.GetString("SearchHint", CultureInfo.GetCultureInfo(c))!).ToArray();
        var fit = await page.EvaluateAsync<Fit>("""
            async hints => {
                await document.fonts.ready; // measured in Inter, as shown, not in a fallback font
                const input = document.querySelector('input[data-testid=lead-search]');
                const style = getComputedStyle(input);
                const context = document.createElement('canvas').getContext('2d');
                context.font = style.font;
                return {
                    placeholder: input.placeholder,
                    room: Math.floor(input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)),
                    widths: hints.map(h => Math.ceil(context.measureText(h).width)),
                };
            }
            """, hints);
        Assert.Equal(hints[0], fit.Placeholder);
        Assert.True(fit.Widths.All(w => w <= fit.Room), $"placeholders of {string.Join(" and ", fit.Widths)} px in a {fit.Room} px search box");

        // Still a working filter: a status category narrows the list.
        await page.GetByTestId("lead-filter-status").ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item").GetByText("En cours", new() { Exact = true })).ToBeVisibleAsync();
    }

    private static readonly ResourceManager SearchHints = new("Facturix.App.Leads.LeadsStrings", typeof(Facturix.App.Leads.LeadsStrings).Assembly);

    private sealed class Fit
    {
        public string Placeholder { get; set; } = "";
        public int Room { get; set; }
        public int[] Widths { get; set; } = [];
    }

    private sealed class Layout
    {
        public int Rows { get; set; }
        public int Height { get; set; }
        public int Items { get; set; }
        public int Hidden { get; set; }
        public string Widths { get; set; } = "";
        public string[] Clipped { get; set; } = [];
    }
}
