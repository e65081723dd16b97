using Facturix.Domain.Activities;
using Facturix.Domain.Dashboard;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Dashboard;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.LiveEvents;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// The overview cache (backlog 2.7.4, docs/decisions/0063) with the real live-event bus: a second read runs no SQL,
/// a logged call is in the very read a dashboard makes when that call's event reaches it, and many open dashboards
/// reloading on one call cost one computation, not one each.
/// </summary>
public sealed class DashboardCacheTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private readonly DbCommandLog _commands = new();
    private ServiceProvider? _services;
    private PostgresLiveEventBus? _bus;

    private IDashboardService Dashboard => _services!.GetRequiredService<IDashboardService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // An app of the test's own: a fresh cache, the command log on every context, and its own LISTEN.
        _services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(Fixture.Clock)
            .AddSingleton<IInterceptor>(_commands)
            .AddFacturixInfrastructure(Fixture.ConnectionString)
            .BuildServiceProvider();
        _bus = _services.GetRequiredService<PostgresLiveEventBus>();
        await _bus.StartAsync(CancellationToken.None);
        await _bus.Listening.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public override async Task DisposeAsync()
    {
        if (_bus is not null) await _bus.StopAsync(CancellationToken.None);
        if (_services is not null) await _services.DisposeAsync();
    }

    private static readonly DashboardQuery TeamToday = new(MetricsScope.Team, new DashboardPeriod(PeriodKind.Today));

    [Fact]
    public async Task A_second_read_is_served_from_the_cache_and_a_logged_call_is_in_the_read_its_event_triggers()
    {
        var seed = await DashboardSeed.CreateAsync(Fixture, Given);
        var dashboard = Dashboard;

        _commands.Start();
        var first = await dashboard.GetOverviewAsync(seed.Manager, TeamToday);
        Assert.NotEmpty(_commands.Stop());

        _commands.Start();
        var second = await dashboard.GetOverviewAsync(seed.Manager, TeamToday);
        Assert.Empty(_commands.Stop());
        Assert.Equal(first.Activity, second.Activity);

        // A page reloads on the event itself (LiveRefresh): what it reads then must already count the call.
        var reloaded = new TaskCompletionSource<DashboardOverview>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var page = _bus!.Subscribe<ActivityLogged>(async _ =>
            reloaded.TrySetResult(await dashboard.GetOverviewAsync(seed.Manager, TeamToday)));
        await LogCallAsync(seed.Bd1.UserId, seed.A1);

        var seen = await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(first.Activity.Calls.Current + 1, seen.Activity.Calls.Current);
        Assert.Equal(first.Bds.Single(b => b.UserId == seed.Bd1.UserId).Calls + 1, seen.Bds.Single(b => b.UserId == seed.Bd1.UserId).Calls);
        Assert.Equal(first.Bds.Single(b => b.UserId == seed.Bd2.UserId), seen.Bds.Single(b => b.UserId == seed.Bd2.UserId), TileComparer);

        // A call on another account's campaign moves nothing the manager sees: the entry stays.
        var freshness = _services!.GetRequiredService<DashboardFreshness>();
        var before = freshness.Latest.Sequence;
        await LogCallAsync(seed.Bd3.UserId, seed.B1);
        await Eventually.HoldsAsync(() => Task.FromResult(freshness.Latest.Sequence), s => s > before, "the second call's event");
        _commands.Start();
        Assert.Equal(seen.Activity, (await dashboard.GetOverviewAsync(seed.Manager, TeamToday)).Activity);
        Assert.Empty(_commands.Stop());
    }

    [Fact]
    public async Task Many_open_dashboards_reloading_on_one_call_cost_one_computation()
    {
        var seed = await DashboardSeed.CreateAsync(Fixture, Given);
        var dashboard = Dashboard;
        // What one computation of this overview costs (another period: a key nobody cached), whatever the overview holds.
        _commands.Start();
        await dashboard.GetOverviewAsync(seed.Manager, TeamToday with { Period = new DashboardPeriod(PeriodKind.Last7Days) });
        var oneComputation = _commands.Stop().Count(sql => !DbCommandLog.WritesOrLocks(sql));
        await dashboard.GetOverviewAsync(seed.Manager, TeamToday);

        var (reads, _) = await ReloadOnOneCallAsync(Enumerable.Repeat((seed.Manager, TeamToday), 50).ToArray(), () => LogCallAsync(seed.Bd1.UserId, seed.A1));

        // One overview computed once (headline counts, tiles, funnel, trend, at-risk, goals), not once per open page.
        Assert.InRange(reads.Count, 1, oneComputation);
    }

    [Fact]
    public async Task Dashboards_of_every_scope_reloading_on_one_call_read_only_that_campaigns_two_pieces()
    {
        var seed = await DashboardSeed.CreateAsync(Fixture, Given);
        var dashboard = Dashboard;
        var mine = new DashboardQuery(MetricsScope.Mine, TeamToday.Period);
        // The manager's team, the admin's agency, the caller's own and a colleague's on the same campaign, another account's BD.
        var viewers = new (Domain.Users.Actor Viewer, DashboardQuery Query)[]
        {
            (seed.Manager, TeamToday), (seed.Admin, TeamToday), (seed.Bd1, mine), (seed.Bd2, mine), (seed.Bd3, mine), (seed.Manager, mine),
        };
        var before = new Dictionary<int, DashboardOverview>();
        for (var i = 0; i < viewers.Length; i++)
            before[i] = await dashboard.GetOverviewAsync(viewers[i].Viewer, viewers[i].Query);

        var (reads, after) = await ReloadOnOneCallAsync(viewers, () => LogCallAsync(seed.Bd1.UserId, seed.A1));

        // A1's rollup rows and its leads: one statement each, shared by all six dashboards (decision 0064).
        Assert.Equal(2, reads.Count);
        Assert.Single(reads, sql => sql.Contains("FROM activity_daily d") && !sql.Contains("WITH health"));
        Assert.Single(reads, sql => sql.Contains("WITH health"));
        // And the figures moved where they should: the team, the agency and the caller count the call; the others do not.
        Assert.Equal([1, 1, 1, 0, 0, 0], Enumerable.Range(0, viewers.Length)
            .Select(i => after[i].Activity.Calls.Current - before[i].Activity.Calls.Current));
    }

    /// <summary>
    /// Open dashboards as pages keep them: each reloads on the <see cref="ActivityLogged"/> event itself. Runs
    /// <paramref name="call"/> and returns the reads every reload made together, and what each page then showed.
    /// </summary>
    private async Task<(List<string> Reads, DashboardOverview[] After)> ReloadOnOneCallAsync(
        (Domain.Users.Actor Viewer, DashboardQuery Query)[] viewers, Func<Task> call)
    {
        var after = new DashboardOverview[viewers.Length];
        var done = 0;
        var allReloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pages = viewers.Select((v, i) => _bus!.Subscribe<ActivityLogged>(async _ =>
        {
            after[i] = await Dashboard.GetOverviewAsync(v.Viewer, v.Query);
            if (Interlocked.Increment(ref done) == viewers.Length) allReloaded.TrySetResult();
        })).ToList();
        try
        {
            _commands.Start();
            await call();
            await allReloaded.Task.WaitAsync(TimeSpan.FromSeconds(20));
            return (_commands.Stop().Where(sql => !DbCommandLog.WritesOrLocks(sql)).ToList(), after);
        }
        finally
        {
            pages.ForEach(p => p.Dispose());
        }
    }

    private static readonly IEqualityComparer<BdTile> TileComparer = EqualityComparer<BdTile>.Create(
        (a, b) => a is not null && b is not null && a.UserId == b.UserId && a.Calls == b.Calls && a.Emails == b.Emails
            && a.CallsLast14Days.SequenceEqual(b.CallsLast14Days),
        t => t.UserId.GetHashCode());

    /// <summary>What every writer of a call does: the activity and its <see cref="ActivityLogged"/> in one commit.</summary>
    private async Task LogCallAsync(Guid userId, Domain.Campaigns.Campaign campaign)
    {
        await using var db = await _services!.GetRequiredService<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        var call = new Activity
        {
            Id = Guid.CreateVersion7(), Kind = ActivityKind.Call, Outcome = CallOutcome.Interested, UserId = userId,
            CampaignId = campaign.Id, AccountId = campaign.AccountId, OccurredAt = Fixture.Clock.GetUtcNow(), CreatedAt = Fixture.Clock.GetUtcNow(),
        };
        db.Activities.Add(call);
        db.Publish(new ActivityLogged(call.Id, call.Kind, null, campaign.Id, userId));
        await db.SaveChangesAsync();
    }
}
