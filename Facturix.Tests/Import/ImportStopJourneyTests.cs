using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Import;

/// <summary>
/// Journey (decision 0068): a manager watching a running import stops it after confirming; the page turns to what stayed,
/// live, and offers the revert. The import is written as running with no job behind it, so the stop is the only thing
/// that moves it (the job's side of a stop is ImportStopTests').
/// </summary>
public sealed class ImportStopJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_manager_stops_a_running_import_and_sees_what_stays_with_its_revert()
    {
        var manager = await App.ActorAsync("manager@facturix.local");
        var campaign = (await App.Get<ICampaignService>().ListAsync(manager, new CampaignQuery(State: CampaignState.Active), new PageRequest())).Items.First();
        var import = new LeadImport
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = campaign.AccountId, CreatedById = manager.UserId,
            CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1), FileName = $"prospects-{Guid.NewGuid():N}.csv"[..24], StoredPath = "/nonexistent",
            SizeBytes = 4096, Kind = ImportFileKind.Delimited, State = ImportState.Running, StartedAt = DateTimeOffset.UtcNow.AddSeconds(-20),
            TotalRows = 1_000, RowsRead = 300, Created = 290, Rejected = 10,
        };
        await using (var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            db.Imports.Add(import);
            await db.SaveChangesAsync();
        }

        var page = await SignedInPageAsync("manager@facturix.local");
        await page.GotoAsync($"/import/{import.Id}");
        await WaitInteractiveAsync(page);
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
}
