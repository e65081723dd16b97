using System.ComponentModel;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard.Pieces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Facturix.Infrastructure.Dashboard;

/// <summary>The cached overview (backlog 2.1.x, 2.7.4; docs/decisions/0063, 0064).</summary>
internal sealed partial class DashboardService
{
    /// <summary>An entry written by another instance is trusted only if it was computed this long after the last change seen here (clock skew, NOTIFY delay).</summary>
    internal static readonly TimeSpan ForeignEntryMargin = TimeSpan.FromSeconds(2);

    public async Task<DashboardOverview> GetOverviewAsync(Actor actor, DashboardQuery query, CancellationToken ct = default)
    {
        actor.DemandActive();
        if (query.Scope == MetricsScope.Team)
            actor.Demand(Capability.AnalyticsTeam);
        await validator.ValidateAndThrowAsync(query, ct);

        var today = AgencyDays.Today(clock);
        var period = query.Period.Resolve(today);
        var scope = await scopes.ResolveAsync(actor, ct);
        if (query.FunnelCampaignId is { } funnel && !scope.Covers(funnel))
            throw new NotFoundException("campaign", funnel);

        Guid? mineOf = query.Scope == MetricsScope.Mine ? actor.UserId : null;
        var tags = await TagsAsync(actor, query.Scope, scope, mineOf, today);
        // Read before computing: a change committed meanwhile leaves this entry under a key no later read asks for.
        var stamp = scope.Agency ? freshness.Latest : freshness.LatestOf(tags);
        var who = mineOf is { } me ? $"mine:{me:N}" : "team";
        var key = $"dashboard:v2:{who}:{scope.Key}:{period.From:yyyyMMdd}-{period.To:yyyyMMdd}:{today:yyyyMMdd}:{query.FunnelCampaignId:N}:g{stamp.Sequence}";

        var request = new OverviewRequest(this, actor, query.Scope, scope, mineOf, period, today, query.FunnelCampaignId);
        var entry = await cache.GetOrCreateAsync(key, request, static (r, ct) => r.Service.ComputeAsync(r, ct), tags: tags, cancellationToken: ct);
        if (entry.Instance != DashboardFreshness.InstanceId && entry.StartedAt <= stamp.At + ForeignEntryMargin)
        {
            // Another instance's entry under a sequence number that means something else here: only trusted when
            // clearly computed after everything this instance has heard of.
            entry = await ComputeAsync(request, ct);
            await cache.SetAsync(key, entry, tags: tags, cancellationToken: ct);
        }
        return entry.Overview;
    }

    /// <summary>
    /// What an overview depends on: the campaigns in scope, the viewer ("mine") or the tiles' BDs ("team"), tasks, and
    /// the subjects of the goals it shows (a BD's goal counts their work on campaigns outside the scope too).
    /// </summary>
    private async Task<List<string>> TagsAsync(Actor actor, MetricsScope metricsScope, DashboardScope scope, Guid? mineOf, DateOnly today)
    {
        if (scope.Agency) return [DashboardFreshness.AllTag, DashboardFreshness.AgencyTag];
        var tags = new List<string>(scope.CampaignIds.Length + scope.Bds.Count + 3) { DashboardFreshness.AllTag, DashboardFreshness.TasksTag, DashboardFreshness.GoalsTag };
        tags.AddRange(scope.CampaignIds.Select(DashboardFreshness.CampaignTag));
        if (mineOf is { } me) tags.Add(DashboardFreshness.UserTag(me));
        else tags.AddRange(scope.Bds.Select(b => DashboardFreshness.UserTag(b.UserId)));

        var visible = await pieces.VisibleGoalsAsync(actor, metricsScope, today);
        if (visible.Count == 0) return tags;
        var directory = await pieces.DirectoryAsync(today);
        foreach (var goal in (await pieces.CurrentGoalsAsync(today)).Select(g => g.Goal).Where(g => visible.Contains(g.Id)))
            tags.AddRange(goal.SubjectKind switch
            {
                GoalSubject.User => [DashboardFreshness.UserTag(goal.SubjectId)],
                GoalSubject.Campaign => [DashboardFreshness.CampaignTag(goal.SubjectId)],
                _ => directory.Campaigns.Values.Where(c => c.AccountId == goal.SubjectId).Select(c => DashboardFreshness.CampaignTag(c.Id)),
            });
        return tags;
    }

    /// <summary>
    /// Every figure of one overview, composed in memory from the per-campaign pieces (docs/decisions/0064): only pieces
    /// a change made stale are read again. A custom period reaching back before the pieces' window reads its activity
    /// figures and tiles from the rollup directly.
    /// </summary>
    private async ValueTask<CachedOverview> ComputeAsync(OverviewRequest r, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow();
        var risks = atRisk.GetAtRiskAsync(r.Actor, ct);
        var progress = goals.GetCurrentAsync(r.Actor, r.MetricsScope, ct);
        var directory = await pieces.DirectoryAsync(r.Today);
        var campaigns = r.Scope.Agency ? [.. directory.Campaigns.Keys] : r.Scope.CampaignIds;
        var leadsLoad = pieces.LeadsAsync(r.FunnelCampaignId is { } one ? campaigns.Append(one) : campaigns, r.Today);
        var activityLoad = pieces.ActivityAsync(r.Scope.Agency ? directory.ActivityKeys : campaigns, r.Today);
        var tasksLoad = pieces.TasksDoneAsync(r.Today);
        var (leads, activity, tasks) = (await leadsLoad, await activityLoad, await tasksLoad);

        var bds = r.MineOf is { } me ? [new DashboardBd(me, r.Actor.Email, r.Actor.DisplayName)] : r.Scope.Bds;
        ActivityKpis kpis;
        IReadOnlyList<BdTile> tiles;
        if (DashboardPieces.Window(r.Today).Contains(r.Period.Previous.From))
        {
            kpis = PieceFigures.Activity(activity.Values, r.MineOf, r.Period);
            tiles = PieceFigures.Tiles(activity.Values, bds, tasks, r.Period, r.Today);
        }
        else
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var metrics = new DashboardMetrics(db, r.Scope, r.MineOf);
            kpis = await metrics.ActivityAsync(r.Period, ct);
            tiles = await metrics.BdTilesAsync(bds, r.Period, r.Today, ct);
        }
        var trend = PieceFigures.Trend(activity.Values, r.MineOf, new DayRange(r.Today.AddDays(-29), r.Today));
        var funnel = PieceFigures.Funnel(r.FunnelCampaignId, r.FunnelCampaignId is { } only ? [leads[only]] : campaigns.Select(id => leads[id]));
        var totals = PieceFigures.Totals(directory, r.Scope, leads);

        var overview = new DashboardOverview(
            r.MetricsScope, r.Period, totals, kpis, tiles, funnel, trend, await risks, await progress, startedAt);
        return new CachedOverview(overview, DashboardFreshness.InstanceId, startedAt);
    }

    private sealed record OverviewRequest(
        DashboardService Service, Actor Actor, MetricsScope MetricsScope, DashboardScope Scope, Guid? MineOf,
        DayRange Period, DateOnly Today, Guid? FunnelCampaignId);
}

/// <summary>
/// One cached overview and where it came from: the instance that computed it and when it started. Immutable, so the
/// memory level hands out the same instance instead of a copy.
/// </summary>
[ImmutableObject(true)]
internal sealed record CachedOverview(DashboardOverview Overview, Guid Instance, DateTimeOffset StartedAt);
