using Facturix.Domain.Import;
using Facturix.Tests.Support;
using Facturix.Tests.Workspace;

namespace Facturix.Tests.Import;

/// <summary>
/// Each run of the import job notes when it began and the checkpoint it began from (decision 0084), so the progress page
/// measures the rate of the current run: after a crash and a restart hours later, the downtime is not counted as time
/// spent importing. The page's arithmetic is in <see cref="ImportProgressFiguresTests"/>.
/// </summary>
public sealed class ImportRunStartTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
    [Fact]
    public async Task A_resumed_run_starts_its_own_clock_from_its_checkpoint_and_the_first_start_stays()
    {
        OutcomeTestData.ToWholeMicroseconds(Fixture.Clock); // the times compared come back from timestamptz
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));
        var firstStart = Fixture.Clock.GetUtcNow();

        // Killed inside the third batch (two committed: 6 rows read), then down for three hours.
        Runner.BeforeCommit = batch => batch == 3 ? throw new IOException("killed") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => Runner.RunAsync(import.Id, CancellationToken.None));
        Runner.BeforeCommit = null;
        var killed = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((firstStart, firstStart, 0L, 6L), (killed.StartedAt, killed.RunStartedAt, killed.RowsReadAtRunStart, killed.RowsRead));

        Fixture.Clock.Advance(TimeSpan.FromHours(3));
        var resumedAt = Fixture.Clock.GetUtcNow();
        ImportSummary? during = null;
        Runner.BeforeCommit = async batch => { if (batch == 1) during = await Imports.GetAsync(manager, import.Id); };
        await Runner.RunAsync(import.Id, CancellationToken.None);

        // While the resumed run works, the page reads its start and the rows it began from; the import's own start stays.
        Assert.NotNull(during);
        Assert.Equal((ImportState.Running, firstStart, resumedAt, 6L), (during.State, during.StartedAt, during.RunStartedAt, during.RowsReadAtRunStart));
        var done = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Completed, 12L, firstStart), (done.State, done.RowsRead, done.StartedAt));
    }
}
