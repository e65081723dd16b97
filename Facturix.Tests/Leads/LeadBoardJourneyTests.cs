using Facturix.Domain.Activities;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Board;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Leads;

/// <summary>The card view of /leads (issue 13): switch to cards, drag a card to another status, everyone sees it.</summary>
public sealed class LeadBoardJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_BD_switches_to_cards_drags_a_lead_to_another_status_and_another_viewer_sees_it_move()
    {
        var bd = await App.ActorAsync("bd1@facturix.local");
        var campaign = (await App.Get<ILeadQueries>().GetFilterOptionsAsync(bd, null)).Campaigns[0];
        var board = await App.Get<ILeadBoard>().GetAsync(bd, new LeadListQuery(CampaignId: campaign.Id));
        // The board's best-scored card: columns list the highest scores first, so it shows first wherever it goes, on the
        // watcher's board too, whatever the day's demo data put in the target column. It goes to the column beside its own,
        // which is on screen with it (the board scrolls sideways; a drag towards a column out of view scrolled between the
        // press and the move, and missed).
        var (from, card) = board.Columns.SelectMany(c => c.Cards.Select(k => (Column: c, Card: k))).MaxBy(x => x.Card.Score);
        var cardSelector = $"[data-testid='lead-card'][data-lead-id='{card.Id}']";
        var fromIndex = board.Columns.ToList().IndexOf(from);
        var to = board.Columns[fromIndex > 0 ? fromIndex - 1 : fromIndex + 1];

        // Someone else (an admin) watches the same board.
        var watcher = await SignedInPageAsync("admin@facturix.local", at: $"/leads?campaign={campaign.Id}");
        await watcher.GetByTestId("view-toggle-cards").ClickAsync();
        await Expect(Card(watcher)).ToHaveAttributeAsync("data-status-id", from.StatusId.ToString());

        // Every DOM change on the watcher's board is checked: a moved card must never be drawn in two columns, even for the
        // moment between two render batches (the zones used to re-render one batch each after a reload).
        await watcher.EvaluateAsync(@"selector => {
            window.fxMostCardsDrawn = document.querySelectorAll(selector).length;
            new MutationObserver(() => {
                window.fxMostCardsDrawn = Math.max(window.fxMostCardsDrawn, document.querySelectorAll(selector).length);
            }).observe(document.body, { childList: true, subtree: true, attributes: true });
        }", cardSelector);

        var page = await SignedInPageAsync("bd1@facturix.local", at: $"/leads?campaign={campaign.Id}");
        await Expect(page.GetByTestId("lead-row").First).ToBeVisibleAsync();
        await page.GetByTestId("view-toggle-cards").ClickAsync();
        await Expect(page.GetByTestId("view-toggle-cards")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("board-column")).ToHaveCountAsync(board.Columns.Count);
        var column = Column(page, from.StatusId);
        await Expect(column).ToHaveAttributeAsync("data-count", from.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Drop near the top of the target column, level with the card: aiming at the column's middle scrolled the page
        // between the press and the first move once the columns grew tall, and the drag then picked up the card that had
        // scrolled under the pointer instead (another lead moved).
        await Card(page).ScrollIntoViewIfNeededAsync();
        await Expect(Column(page, to.StatusId).Locator("h3")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Card(page).DragToAsync(Column(page, to.StatusId).Locator(".mud-drop-zone"),
            new() { TargetPosition = new() { X = 40, Y = 20 } });

        await Expect(Column(page, to.StatusId).Locator(cardSelector)).ToBeVisibleAsync();
        await Expect(column).ToHaveAttributeAsync("data-count", (from.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The card moves on screen at once; the server's write follows.
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
            var lead = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == card.Id);
            return (lead.CampaignStatusId, lead.Status);
        }, saved => saved == (to.StatusId, to.Stage), "the lead saved in the target status");
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            Assert.True(await db.Activities.AnyAsync(a => a.LeadId == card.Id && a.Kind == ActivityKind.Status
                && a.StatusTo == to.Stage && a.UserId == bd.UserId));
        }
        // Live: the watcher's board moved the card without a reload, and never drew it twice on the way.
        await Expect(Column(watcher, to.StatusId).Locator(cardSelector)).ToBeVisibleAsync();
        await Expect(Card(watcher)).ToHaveAttributeAsync("data-status-id", to.StatusId.ToString());
        Assert.Equal(1, await watcher.EvaluateAsync<int>("() => window.fxMostCardsDrawn"));

        ILocator Card(IPage p) => p.Locator(cardSelector);
    }

    private static ILocator Column(IPage page, Guid statusId) =>
        page.Locator($"[data-testid='board-column'][data-status-id='{statusId}']");
}
