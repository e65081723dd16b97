using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Leads;

/// <summary>The issue 13 journey: open a lead, see its timeline, watch a note added in a second browser appear live.</summary>
public sealed class LeadPageJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_note_added_in_a_second_browser_appears_on_the_open_lead_page()
    {
        Guid leadId;
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            // A demo lead that already has a history, so the timeline has items before the note.
            leadId = await db.Activities.Where(a => a.LeadId != null).OrderBy(a => a.Id).Select(a => a.LeadId!.Value).FirstAsync();
        }
        var watcher = await SignedInPageAsync("admin@facturix.local");
        await watcher.GotoAsync($"/leads/{leadId}");
        await WaitInteractiveAsync(watcher);
        var timeline = watcher.GetByTestId("lead-timeline");
        await Expect(timeline.GetByTestId("timeline-item").First).ToBeVisibleAsync();
        await Expect(watcher.GetByTestId("score-breakdown").GetByTestId("score-contribution")).ToHaveCountAsync(6);

        var text = $"Rappeler après le salon {Guid.NewGuid():N}";
        var writer = await SignedInPageAsync("admin@facturix.local");
        await writer.GotoAsync($"/leads/{leadId}");
        await WaitInteractiveAsync(writer);
        await writer.GetByTestId("lead-note-input").FillAsync(text);
        await writer.GetByTestId("lead-note-submit").ClickAsync();
        await Expect(writer.Locator("[data-testid='timeline-item'][data-kind='note']").Filter(new() { HasText = text })).ToBeVisibleAsync();

        // No reload on the first page: the note arrives through the live events, newest first.
        var first = timeline.GetByTestId("timeline-item").First;
        await Expect(first).ToHaveAttributeAsync("data-kind", "note");
        await Expect(first).ToContainTextAsync(text);
    }
}
