using Facturix.Domain.Leads;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Leads.Duplicates;
using Facturix.Tests.Leads.Duplicates;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Leads;

/// <summary>The issue 13 duplicates journey: a manager opens the duplicates from the leads list, scans, merges a pair, undoes it.</summary>
public sealed class DuplicatesJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_manager_scans_merges_a_pair_and_undoes_the_merge()
    {
        var manager = await App.ActorAsync("manager@facturix.local");
        var campaignId = (await App.Get<ILeadQueries>().GetFilterOptionsAsync(manager, null)).Campaigns[0].Id;
        var dbFactory = App.Get<IDbContextFactory<FacturixDb>>();
        // Groups that exist already get an earlier detection time: the pair below is found by the page's scan, listed first.
        await App.Get<DuplicateScanner>().ScanAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        Lead kept, merged;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId);
            Func<FacturixDb> newDb = () => dbFactory.CreateDbContext();
            kept = await DuplicateTestData.LeadAsync(newDb, campaign, l =>
                (l.FirstName, l.LastName, l.Company, l.Email, l.City, l.CreatedAt) = ("Odile", $"Parcours{tag}", $"Doublon {tag}", $"odile@{tag}-doublon.fr", null, DateTimeOffset.UtcNow.AddDays(-1)));
            merged = await DuplicateTestData.LeadAsync(newDb, campaign, l =>
                (l.FirstName, l.LastName, l.Company, l.Email, l.City) = ("Odile", $"Parcours{tag}", $"Doublon {tag}", $"odile@{tag}-doublon.fr", "Lille"));
            await DuplicateTestData.HistoryAsync(newDb, merged, manager.UserId, 2, 1);
        }

        var page = await SignedInPageAsync("manager@facturix.local");
        await page.GetByTestId("nav-leads").ClickAsync();
        await WaitInteractiveAsync(page);
        await page.GetByTestId("leads-duplicates-link").ClickAsync();
        await Expect(page.GetByTestId("duplicates-scan")).ToBeVisibleAsync();
        await WaitInteractiveAsync(page);
        await page.GetByTestId("duplicates-scan").ClickAsync();

        // The scan runs as the Quartz job; its end reloads the page live.
        var group = page.Locator($"[data-testid='duplicate-group'][data-reason='Email']:has([data-lead-id='{merged.Id}'])");
        await Expect(group).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await group.GetByTestId("duplicate-merge").ClickAsync();
        var wizard = group.GetByTestId("merge-wizard");
        await Expect(wizard.GetByTestId("merge-moves")).ToContainTextAsync("2");
        // The kept lead has no city: the wizard proposes the other's ("Lille"); keep the kept lead's empty value instead, then take it back.
        var city = wizard.Locator("[data-testid='merge-field'][data-field='City']");
        await city.GetByTestId("merge-field-keep").ClickAsync();
        await city.GetByTestId("merge-field-take").ClickAsync();
        await wizard.GetByTestId("merge-confirm").ClickAsync();

        await Expect(page.Locator($"[data-testid='duplicate-group']:has([data-lead-id='{merged.Id}'])")).ToHaveCountAsync(0);
        var recent = page.Locator($"[data-testid='recent-merge'][data-survivor-id='{kept.Id}']");
        await Expect(recent).ToBeVisibleAsync();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            Assert.False(await db.Leads.AnyAsync(l => l.Id == merged.Id));
            Assert.Equal("Lille", (await db.Leads.SingleAsync(l => l.Id == kept.Id)).City);
            Assert.Equal(2, await db.Activities.CountAsync(a => a.LeadId == kept.Id));
            Assert.Equal(1, await db.Tasks.CountAsync(t => t.LeadId == kept.Id));
        }

        await recent.GetByTestId("merge-undo").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();

        await Expect(recent).ToHaveCountAsync(0);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            Assert.True(await db.Leads.AnyAsync(l => l.Id == merged.Id));
            Assert.Null((await db.Leads.SingleAsync(l => l.Id == kept.Id)).City);
            Assert.Equal(2, await db.Activities.CountAsync(a => a.LeadId == merged.Id));
            Assert.Equal(1, await db.Tasks.CountAsync(t => t.LeadId == merged.Id));
        }
    }
}
