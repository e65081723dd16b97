using Stopwatch = System.Diagnostics.Stopwatch;
using Facturix.Domain.Activities;
using Facturix.Domain.Dashboard;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Dashboard;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.LiveEvents;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace Facturix.Tests.Benchmarks;

/// <summary>
/// Issue 16's numbers on <see cref="DashboardBenchmarkData"/> (1,000,000 leads, 5,000,000 activities over a year,
/// 50 BDs, 20 campaigns): the whole dashboard of a manager's team through the real service and its cache, warm and
/// cold, next to plain SQL computing the same figures from <c>leads</c>, <c>activities</c> and <c>tasks</c>; and the
/// database commands one logged call costs with 200 dashboards open, each reloading on its live event.
/// </summary>
[Trait("Category", "Bench")]
[Collection(BenchmarkCollection.Name)]
public sealed class DashboardBenchmark(ITestOutputHelper output)
{
    private const int WarmRuns = 50;
    private const int ColdRuns = 10;
    private const int OpenDashboards = 200;

    private static readonly DashboardQuery TeamMonth = new(MetricsScope.Team, new DashboardPeriod(PeriodKind.Last30Days));

    [Fact]
    public async Task Team_dashboard_warm_cold_and_the_fanout_of_one_call()
    {
        var data = await DashboardBenchmarkData.BuildAsync();
        output.WriteLine($"Data set: {data.Leads:N0} leads, {data.Activities:N0} activities, built in {data.BuildTime.TotalSeconds:F0} s");
        var commands = new DbCommandLog();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IInterceptor>(commands)
            .AddFacturixInfrastructure(data.ConnectionString)
            .BuildServiceProvider();
        var bus = services.GetRequiredService<PostgresLiveEventBus>();
        await bus.StartAsync(CancellationToken.None);
        await bus.Listening.WaitAsync(TimeSpan.FromSeconds(10));
        var dashboard = services.GetRequiredService<IDashboardService>();
        var freshness = services.GetRequiredService<DashboardFreshness>();
        var resolver = services.GetRequiredService<IActorResolver>();
        var manager = (await resolver.ResolveAsync(data.ManagerId))!;
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var today = AgencyDays.Today(TimeProvider.System);
        var raw = () => RawTeamOverviewAsync(dataSource, data, TeamMonth.Period.Resolve(today), today);

        // The service's figures are the plain SQL's (a smoke check that the benchmark compares like with like).
        var overview = await dashboard.GetOverviewAsync(manager, TeamMonth);
        var (calls, emails) = await raw();
        Assert.Equal((calls, emails), (overview.Activity.Calls.Current, overview.Activity.EmailsSent.Current));

        var warm = await BenchmarkReport.P95Async(WarmRuns, () => dashboard.GetOverviewAsync(manager, TeamMonth));
        var baseline = await BenchmarkReport.P95Async(WarmRuns, raw);
        BenchmarkReport.Report(output, "dashboard-team-warm", warm, "raw SQL for the same figures", baseline);

        // Cold: as after a change of access, every cached scope and overview is gone (PostgreSQL's own buffers stay).
        var cold = await BenchmarkReport.P95Async(ColdRuns, () =>
        {
            freshness.Observe(new AccessChanged(null));
            return dashboard.GetOverviewAsync(manager, TeamMonth);
        }, warmUp: 1);
        var coldBaseline = await BenchmarkReport.P95Async(ColdRuns, raw, warmUp: 1);
        BenchmarkReport.Report(output, "dashboard-team-cold", cold, "raw SQL for the same figures", coldBaseline);

        await FanoutAsync(services, dashboard, resolver, data, manager, commands);
        await bus.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// 200 open dashboards: 150 of the manager's team, 10 of the admin's agency, and 40 BDs' own; a BD logs one call on
    /// a campaign of the manager's; every dashboard reloads on that event through the real service.
    /// </summary>
    private async Task FanoutAsync(
        ServiceProvider services, IDashboardService dashboard, IActorResolver resolver, DashboardBenchmarkData data, Actor manager,
        DbCommandLog commands)
    {
        var admin = (await resolver.ResolveAsync(data.AdminId))!;
        var bds = new List<Actor>();
        foreach (var id in data.BdIds.Take(40)) bds.Add((await resolver.ResolveAsync(id))!);
        var viewers = Enumerable.Repeat((manager, TeamMonth), 150)
            .Concat(Enumerable.Repeat((admin, TeamMonth), 10))
            .Concat(bds.Select(bd => (bd, new DashboardQuery(MetricsScope.Mine, TeamMonth.Period))))
            .ToList();
        foreach (var (viewer, query) in viewers.DistinctBy(v => (v.Item1.UserId, v.Item2.Scope)))
            await dashboard.GetOverviewAsync(viewer, query);

        var bus = services.GetRequiredService<ILiveEvents>();
        var reloaded = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pages = viewers.Select(v => bus.Subscribe<ActivityLogged>(async _ =>
        {
            await dashboard.GetOverviewAsync(v.Item1, v.Item2);
            if (Interlocked.Increment(ref reloaded) == viewers.Count) all.TrySetResult();
        })).ToList();

        var campaign = data.ManagerCampaignIds[0];
        var caller = data.BdIds[Array.IndexOf(data.CampaignIds, campaign)]; // one of that campaign's own BDs
        commands.Start();
        var watch = Stopwatch.StartNew();
        await using (var db = await services.GetRequiredService<IDbContextFactory<FacturixDb>>().CreateDbContextAsync())
        {
            var call = new Activity
            {
                Id = Guid.CreateVersion7(), Kind = ActivityKind.Call, Outcome = CallOutcome.Interested, UserId = caller,
                CampaignId = campaign, OccurredAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Activities.Add(call);
            db.Publish(new ActivityLogged(call.Id, call.Kind, null, campaign, caller));
            await db.SaveChangesAsync();
        }
        await all.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var elapsed = watch.Elapsed;
        var reads = commands.Stop().Count(sql => !DbCommandLog.WritesOrLocks(sql));
        pages.ForEach(p => p.Dispose());

        output.WriteLine($"BENCH dashboard-fanout: {reads} queries; baseline (one query per open dashboard) {viewers.Count} queries; ratio {(double)reads / viewers.Count:F2}");
        output.WriteLine($"  ({viewers.Count} dashboards reloaded {elapsed.TotalMilliseconds:F0} ms after the call was written)");
        Assert.True(reads < viewers.Count, $"{reads} queries for {viewers.Count} open dashboards");
    }

    /// <summary>
    /// The team dashboard's figures straight from the tables, no rollup, no cache: headline counts, activity KPIs with
    /// the previous period, per-BD counts by day (period and 14-day sparkline), tasks done, funnel, 30-day trend.
    /// Returns the period's calls and emails for the smoke check.
    /// </summary>
    private static async Task<(long Calls, long Emails)> RawTeamOverviewAsync(
        NpgsqlDataSource dataSource, DashboardBenchmarkData data, DayRange period, DateOnly today)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var start = AgencyDays.StartOf(period.From).ToUniversalTime();
        var end = AgencyDays.StartOf(period.To.AddDays(1)).ToUniversalTime();
        var previousStart = AgencyDays.StartOf(period.Previous.From).ToUniversalTime();
        var sparkStart = AgencyDays.StartOf(today.AddDays(-13)).ToUniversalTime();
        var trendStart = AgencyDays.StartOf(today.AddDays(-29)).ToUniversalTime();
        var teamBds = data.BdIds.Where((_, i) => data.ManagerCampaignIds.Contains(data.CampaignIds[i % 20])
            || data.ManagerCampaignIds.Contains(data.CampaignIds[(i + 7) % 20])).ToArray();
        string[] statements =
        [
            """
            SELECT (SELECT count(*) FROM accounts WHERE id IN (SELECT account_id FROM campaigns WHERE id = ANY(@c))),
                   (SELECT count(*) FROM campaigns WHERE id = ANY(@c) AND status = 'Active'),
                   (SELECT count(*) FROM leads WHERE campaign_id = ANY(@c)),
                   (SELECT count(*) FROM leads WHERE campaign_id = ANY(@c) AND status = 'Converted')
            """,
            """
            SELECT count(*) FILTER (WHERE kind = 'Call' AND occurred_at >= @start),
                   count(*) FILTER (WHERE kind = 'Email' AND direction IS DISTINCT FROM 'Inbound' AND occurred_at >= @start),
                   count(*) FILTER (WHERE kind = 'Call' AND outcome IN ('Interested', 'NotAFit', 'MeetingBooked', 'CallBack') AND occurred_at >= @start),
                   count(*) FILTER (WHERE kind = 'Call' AND outcome = 'MeetingBooked' AND occurred_at >= @start),
                   count(*) FILTER (WHERE kind = 'Call' AND occurred_at < @start),
                   count(*) FILTER (WHERE kind = 'Email' AND direction IS DISTINCT FROM 'Inbound' AND occurred_at < @start),
                   count(*) FILTER (WHERE kind = 'Call' AND outcome IN ('Interested', 'NotAFit', 'MeetingBooked', 'CallBack') AND occurred_at < @start),
                   count(*) FILTER (WHERE kind = 'Call' AND outcome = 'MeetingBooked' AND occurred_at < @start)
            FROM activities WHERE campaign_id = ANY(@c) AND occurred_at >= @previous_start AND occurred_at < @end
            """,
            """
            SELECT user_id, (occurred_at AT TIME ZONE 'Europe/Paris')::date, count(*) FILTER (WHERE kind = 'Call'),
                   count(*) FILTER (WHERE kind = 'Email' AND direction IS DISTINCT FROM 'Inbound')
            FROM activities
            WHERE user_id = ANY(@bds) AND campaign_id = ANY(@c) AND occurred_at >= LEAST(@start, @spark_start) AND occurred_at < @end
            GROUP BY 1, 2
            """,
            "SELECT assignee_id, count(*) FROM tasks WHERE assignee_id = ANY(@bds) AND completed_at >= @start AND completed_at < @end GROUP BY 1",
            "SELECT status, campaign_status_id, count(*) FROM leads WHERE campaign_id = ANY(@c) GROUP BY 1, 2",
            """
            SELECT (occurred_at AT TIME ZONE 'Europe/Paris')::date, count(*) FILTER (WHERE kind = 'Call'),
                   count(*) FILTER (WHERE kind = 'Email' AND direction IS DISTINCT FROM 'Inbound')
            FROM activities WHERE campaign_id = ANY(@c) AND occurred_at >= @trend_start AND occurred_at < @end GROUP BY 1
            """,
        ];
        (long, long) result = default;
        foreach (var (sql, i) in statements.Select((s, i) => (s, i)))
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("c", data.ManagerCampaignIds);
            command.Parameters.AddWithValue("bds", teamBds);
            command.Parameters.AddWithValue("start", start);
            command.Parameters.AddWithValue("end", end);
            command.Parameters.AddWithValue("previous_start", previousStart);
            command.Parameters.AddWithValue("spark_start", sparkStart);
            command.Parameters.AddWithValue("trend_start", trendStart);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                if (i == 1) result = (reader.GetInt64(0), reader.GetInt64(1));
        }
        return result;
    }
}
