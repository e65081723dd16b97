using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Import;

/// <summary>
/// Journeys: a manager watching a running import stops it after confirming; the page turns to what stayed, live, and offers
/// the revert (decision 0068). Completing the import's campaign stops it too, and says so first (0092). The import is
/// written as running with no job behind it, so a stop is the only thing that moves it (the job's side of a stop is
/// ImportStopTests').
/// </summary>
public sealed class ImportStopJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_manager_stops_a_running_import_and_sees_what_stays_with_its_revert()
    {
        var manager = await App.ActorAsync("manager@facturix.local");
        var campaign = (await App.Get<ICampaignService>().ListAsync(manager, new CampaignQuery(State: CampaignState.Active), new PageRequest())).Items.First();
        var import = RunningImport(manager.UserId, campaign.Id, campaign.AccountId);
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            db.Imports.Add(import);
            await db.SaveChangesAsync();
        }

        var page = await SignedInPageAsync("manager@facturix.local", at: $"/import/{import.Id}");
        var progress = page.GetByTestId("import-progress");
        await Expect(progress).ToHaveAttributeAsync("data-state", "Running");
        await page.GetByTestId("import-stop").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToContainTextAsync("290");
        await page.GetByTestId("confirm-ok").ClickAsync();

        // Live, without a reload: the figures stay, the stop goes, the revert comes.
        await Expect(progress).ToHaveAttributeAsync("data-state", "Stopped");
        await Expect(page.GetByTestId("import-state")).ToHaveAttributeAsync("data-state", "Stopped");
        await Expect(page.GetByTestId("import-stopped")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-result")).ToHaveAttributeAsync("data-imported", "290");
        await Expect(page.GetByTestId("import-stop")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("import-revert")).ToBeVisibleAsync();
        await using var after = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        Assert.True(await after.AuditEvents.AnyAsync(a => a.Action == "import.stopped" && a.EntityId == import.Id && a.ActorId == manager.UserId));
    }

    /// <summary>
    /// Decision 0092: completing a campaign whose import is running says first that the import will stop, then stops it; the
    /// import's page says why. A campaign of the test's own, so the demo's campaigns other journeys import into stay active.
    /// </summary>
    [Fact]
    public async Task Completing_a_campaign_says_its_running_import_will_stop_and_the_import_shows_why_it_stopped()
    {
        var admin = await App.ActorAsync("admin@facturix.local");
        var (campaignId, _) = await AllDayCampaignAsync(0);
        var import = RunningImport(admin.UserId, campaignId, await CampaignAccountAsync(campaignId));
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            db.Imports.Add(import);
            await db.SaveChangesAsync();
        }

        var page = await SignedInPageAsync("admin@facturix.local", at: $"/campaigns/{campaignId}");
        await ClickUntilVisibleAsync(page.GetByTestId("campaign-complete"), page.GetByTestId("confirm-dialog"));
        await Expect(page.GetByTestId("confirm-dialog")).ToContainTextAsync("Un import est en cours dans cette campagne : il sera arrêté");
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(page.GetByTestId("campaign-state")).ToHaveAttributeAsync("data-state", "Completed");

        await page.GotoAsync($"/import/{import.Id}");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("import-state")).ToHaveAttributeAsync("data-state", "Stopped");
        await Expect(page.GetByTestId("import-stopped-reason")).ToContainTextAsync("La campagne est terminée");
    }

    private async Task<Guid> CampaignAccountAsync(Guid campaignId)
    {
        await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        return await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.AccountId).SingleAsync();
    }

    /// <summary>An import written as running with no job behind it: only a stop (a person's, or its campaign's) moves it.</summary>
    private static LeadImport RunningImport(Guid by, Guid campaignId, Guid accountId) => new()
    {
        Id = Guid.CreateVersion7(), CampaignId = campaignId, AccountId = accountId, CreatedById = by,
        CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1), FileName = $"prospects-{Guid.NewGuid():N}.csv"[..24], StoredPath = "/nonexistent",
        SizeBytes = 4096, Kind = ImportFileKind.Delimited, State = ImportState.Running, StartedAt = DateTimeOffset.UtcNow.AddSeconds(-20),
        TotalRows = 1_000, RowsRead = 300, Created = 290, Rejected = 10,
    };
}
