using Bunit;
using Facturix.App.Import;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Import;

/// <summary>
/// The rate and the time left of a running import (issue 15, 2.7.2), on a fake clock: rows read since the job's current
/// run started (a resume after a crash starts a new one, decision 0084), and what is left of the total at that pace, both
/// following the live progress.
/// </summary>
public sealed class ImportProgressFiguresTests : ShellTestContext
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private readonly ScriptedImports _imports;
    private readonly FakeTimeProvider _clock;

    public ImportProgressFiguresTests() : this(new ScriptedImports(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero))) { }

    private ImportProgressFiguresTests(ScriptedImports imports, FakeTimeProvider clock) : base(services => services
        .AddSingleton<IImportService>(imports).AddSingleton<TimeProvider>(clock))
    {
        (_imports, _clock) = (imports, clock);
        SignIn(Roles.Admin);
    }

    private ImportSummary Running(Guid id, long read, long total) =>
        new(id, CampaignId, "Relance Alpha", "clients.csv", 2048, ImportState.Running, Guid.NewGuid(), "Camille Martin",
            _clock.GetUtcNow().AddMinutes(-5), Started, null, total, read, read, 0, 0, 0, null, false);

    private DateTimeOffset Started { get; } = new(2026, 11, 30, 8, 59, 40, TimeSpan.Zero); // 20 s before the clock

    [Fact]
    public async Task The_rate_and_the_time_left_follow_the_rows_read_since_the_start()
    {
        var id = Guid.NewGuid();
        var current = Running(id, 10_000, 34_000);
        _imports.Summary = _ => current;
        var host = Render<ImportHost>(p => p.AddChildContent<ImportProgressPage>(c => c.Add(x => x.Id, id)));
        var page = host.FindComponent<ImportProgressPage>();

        // 10,000 rows in 20 s: 500 a second, so the 24,000 left take 48 s.
        page.WaitForAssertion(() => Assert.Equal("500 lignes/s", page.Find("[data-testid=import-rate]").TextContent.Trim()));
        Assert.Equal("environ 48 s", page.Find("[data-testid=import-time-left]").TextContent.Trim());

        // 20 s later, 30,000 rows read (750 a second): the 4,000 left take 6 s.
        _clock.Advance(TimeSpan.FromSeconds(20));
        current = Running(id, 30_000, 34_000);
        var events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
        await page.InvokeAsync(() => events.RaiseAsync(new ImportProgressed(id, CampaignId, UserId, 30_000, 30_000, 0, "Running")));

        page.WaitForAssertion(() => Assert.Equal("750 lignes/s", page.Find("[data-testid=import-rate]").TextContent.Trim()));
        Assert.Equal("environ 6 s", page.Find("[data-testid=import-time-left]").TextContent.Trim());
    }

    [Fact]
    public void After_a_resume_the_rate_and_the_time_left_count_only_the_current_run()
    {
        var id = Guid.NewGuid();
        // Started two hours ago and down for most of it; resumed 20 s ago at row 10,000, at 20,000 now: 500 a second, so
        // the 14,000 left take 28 s. From the first start it read 2 a second and 1 h 57 min left.
        _imports.Summary = _ => Running(id, 20_000, 34_000) with
        {
            StartedAt = _clock.GetUtcNow().AddHours(-2), RunStartedAt = Started, RowsReadAtRunStart = 10_000,
        };

        var host = Render<ImportHost>(p => p.AddChildContent<ImportProgressPage>(c => c.Add(x => x.Id, id)));

        host.WaitForAssertion(() => Assert.Equal("500 lignes/s", host.Find("[data-testid=import-rate]").TextContent.Trim()));
        Assert.Equal("environ 28 s", host.Find("[data-testid=import-time-left]").TextContent.Trim());
    }

    [Fact]
    public void A_long_way_to_go_reads_in_minutes()
    {
        var id = Guid.NewGuid();
        _imports.Summary = _ => Running(id, 10_000, 1_000_000); // 990,000 rows at 500 a second: 33 minutes

        var host = Render<ImportHost>(p => p.AddChildContent<ImportProgressPage>(c => c.Add(x => x.Id, id)));

        host.WaitForAssertion(() => Assert.Equal("environ 33 min", host.Find("[data-testid=import-time-left]").TextContent.Trim()));
    }

    [Fact]
    public void An_import_a_shutdown_put_back_in_the_queue_says_so_and_shows_no_live_rate()
    {
        // Paused at row 10,000 (decision 0093): nobody works on it until the app starts again, so no rate and no time left
        // (measured from a run that ended, they would read live and shrink), and the reason instead of "waiting".
        var id = Guid.NewGuid();
        _imports.Summary = _ => Running(id, 10_000, 34_000) with { State = ImportState.Queued, Error = ImportErrors.Paused };

        var host = Render<ImportHost>(p => p.AddChildContent<ImportProgressPage>(c => c.Add(x => x.Id, id)));

        var paused = host.WaitForElement("[data-testid=import-paused]");
        Assert.Contains("Interrompu par l'arrêt de l'application", paused.TextContent);
        var progress = host.Find("[data-testid=import-progress]");
        Assert.Equal(("Queued", "10000"), (progress.GetAttribute("data-state"), progress.GetAttribute("data-processed")));
        Assert.Empty(host.FindAll("[data-testid=import-rate]"));
        Assert.Empty(host.FindAll("[data-testid=import-time-left]"));
        Assert.NotEmpty(host.FindAll("[data-testid=import-stop]")); // it can still be stopped
    }
}
