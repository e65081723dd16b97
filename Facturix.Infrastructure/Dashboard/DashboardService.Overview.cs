using System.ComponentModel;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Facturix.Infrastructure.Dashboard;

/// <summary>The cached overview (backlog 2.1.x, 2.7.4; docs/decisions/0063).</summary>
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
        var tags = Tags(scope, mineOf);
        // Read before computing: a change committed meanwhile leaves this entry under a key no later read asks for.
        var stamp = scope.Agency ? freshness.Latest : freshness.LatestOf(tags);
        var who = mineOf is { } me ? $"mine:{me:N}" : "team";
        var key = $"dashboard:v1:{who}:{scope.Key}:{period.From:yyyyMMdd}-{period.To:yyyyMMdd}:{today:yyyyMMdd}:{query.FunnelCampaignId:N}:g{stamp.Sequence}";

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

    private static List<string> Tags(DashboardScope scope, Guid? mineOf)
    {
        if (scope.Agency) return [DashboardFreshness.AllTag, DashboardFreshness.AgencyTag];
        var tags = new List<string>(scope.CampaignIds.Length + scope.Bds.Count + 2) { DashboardFreshness.AllTag };
        tags.AddRange(scope.CampaignIds.Select(DashboardFreshness.CampaignTag));
        if (mineOf is { } me) tags.Add(DashboardFreshness.UserTag(me));
        else tags.AddRange(scope.Bds.Select(b => DashboardFreshness.UserTag(b.UserId)));
        return tags;
    }

    /// <summary>Every figure of one overview: the rollup figures in one context, one after the other; headline counts, funnel, at-risk and goals alongside.</summary>
    private async ValueTask<CachedOverview> ComputeAsync(OverviewRequest r, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow();
        var totals = TotalsAsync(r.Actor, ct);
        var risks = atRisk.GetAtRiskAsync(r.Actor, ct);
        var progress = goals.GetCurrentAsync(r.Actor, r.MetricsScope, ct);
        var funnel = FunnelAsync(r, ct); // reads leads, the heaviest: its own connection, alongside the rollup's

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var metrics = new DashboardMetrics(db, r.Scope, r.MineOf);
        var activity = await metrics.ActivityAsync(r.Period, ct);
        var bds = r.MineOf is { } me
            ? [new DashboardBd(me, r.Actor.Email, r.Actor.DisplayName)]
            : r.Scope.Bds;
        var tiles = await metrics.BdTilesAsync(bds, r.Period, r.Today, ct);
        var trend = await metrics.TrendAsync(new DayRange(r.Today.AddDays(-29), r.Today), ct);

        var overview = new DashboardOverview(
            r.MetricsScope, r.Period, await totals, activity, tiles, await funnel, trend, await risks, await progress, startedAt);
        return new CachedOverview(overview, DashboardFreshness.InstanceId, startedAt);
    }

    private async Task<Funnel> FunnelAsync(OverviewRequest r, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await new DashboardMetrics(db, r.Scope, r.MineOf).FunnelAsync(r.FunnelCampaignId, ct);
    }

    private async Task<KpiSnapshot> TotalsAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await KpisAsync(db, actor, ct);
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
