using Facturix.Domain.Activities;
using Facturix.Domain.Leads;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Leads;

/// <summary>The issue 13 journey: open a lead, see its timeline, watch a note added in a second browser appear live, the field
/// being typed in keeping the focus.</summary>
public sealed class LeadPageJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_note_added_in_a_second_browser_appears_on_the_open_lead_page()
    {
        Guid leadId;
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            // A demo lead that already has a history, so the timeline has items before the note; the one with the
            // longest e-mail and job title, so the fields card shows whether long values read whole.
            leadId = await db.Leads.Where(l => db.Activities.Any(a => a.LeadId == l.Id) && l.Email != null && l.JobTitle != null)
                .OrderByDescending(l => l.Email!.Length + l.JobTitle!.Length).ThenBy(l => l.Id).Select(l => l.Id).FirstAsync();
        }
        var watcher = await SignedInPageAsync("admin@facturix.local", at: $"/leads/{leadId}");
        var timeline = watcher.GetByTestId("lead-timeline");
        await Expect(timeline.GetByTestId("timeline-item").First).ToBeVisibleAsync();
        await Expect(watcher.GetByTestId("score-breakdown").GetByTestId("score-contribution")).ToHaveCountAsync(6);
        // Job title, company, e-mail and website take the card's width: in half a row they were cut at ~160 px. Measured
        // in Inter once loaded (WaitPageLoadedAsync), with a few pixels of slack: the longest demo address fills the card
        // to 0–2 px either way depending on how the rasterizer rounds glyph advances (the headless shell rounds to whole pixels).
        await WaitPageLoadedAsync(watcher);
        var cut = await watcher.Locator("[data-testid='lead-fields'] input").EvaluateAllAsync<string[]>(
            "inputs => inputs.filter(i => i.scrollWidth > i.clientWidth + 8).map(i => `${i.value} (${i.scrollWidth}/${i.clientWidth} px)`)");
        Assert.Empty(cut);
        // The header labels its facts ("Campagne :", "Compte client :") instead of two bare links side by side.
        await Expect(watcher.GetByTestId("lead-details")).ToContainTextAsync("Compte client\u00a0:");

        // The watcher has clicked into a field: the live reload below must leave it there (ADR 0101).
        var city = watcher.GetByTestId("lead-field-city");
        await city.FocusAsync();

        var text = $"Rappeler après le salon {Guid.NewGuid():N}";
        var writer = await SignedInPageAsync("admin@facturix.local", at: $"/leads/{leadId}");
        await writer.GetByTestId("lead-note-input").FillAsync(text);
        await writer.GetByTestId("lead-note-submit").ClickAsync();
        await Expect(writer.Locator("[data-testid='timeline-item'][data-kind='note']").Filter(new() { HasText = text })).ToBeVisibleAsync();

        // No reload on the first page: the note arrives through the live events, newest first.
        var first = timeline.GetByTestId("timeline-item").First;
        await Expect(first).ToHaveAttributeAsync("data-kind", "note");
        await Expect(first).ToContainTextAsync(text);

        // The field kept the focus through that reload, so what the watcher types lands in it (not saved: a demo lead).
        await Expect(city).ToBeFocusedAsync();
        await watcher.Keyboard.PressAsync("Control+A");
        await watcher.Keyboard.TypeAsync("Annecy");
        await Expect(city).ToHaveValueAsync("Annecy");
    }

    [Fact]
    public async Task The_kind_filter_narrows_the_timeline_and_the_first_contact_link_reaches_the_oldest_call()
    {
        Guid leadId;
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            // The demo lead with the longest history, so the first contact sits beyond the first page.
            leadId = await db.Activities.Where(a => a.LeadId != null && a.Kind == ActivityKind.Call)
                .GroupBy(a => a.LeadId!.Value).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        }
        var admin = await App.ActorAsync("admin@facturix.local");
        var expected = await App.Get<ILeadService>().GetTimelineAsync(admin, leadId, new TimelineQuery());
        var page = await SignedInPageAsync("admin@facturix.local", at: $"/leads/{leadId}");
        var items = page.GetByTestId("lead-timeline").GetByTestId("timeline-item");
        await Expect(items.First).ToBeVisibleAsync();

        await page.GetByTestId("timeline-filter-call").ClickAsync();
        await Expect(page.GetByTestId("timeline-filter-call")).ToHaveAttributeAsync("data-active", "true");
        await Expect(page.Locator("[data-testid='timeline-item']:not([data-kind='call'])")).ToHaveCountAsync(0);
        await Expect(items.First).ToHaveAttributeAsync("data-kind", "call");

        await page.GetByTestId("timeline-jump-first-contact").ClickAsync();
        await Expect(page.Locator($"[data-testid='timeline-item'][data-activity-id='{expected.FirstContactId}']")).ToBeInViewportAsync();
    }
}
