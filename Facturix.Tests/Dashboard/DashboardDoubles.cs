using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// Hand-written dashboard double: answers each overview with <see cref="Answer"/> (by default from the query's scope)
/// unless a pending result was queued with <see cref="NextResult"/>; records every query. Cohorts answer <see cref="Cohorts"/>.
/// </summary>
internal sealed class ScriptedDashboard : IDashboardService
{
    private readonly Queue<TaskCompletionSource<DashboardOverview>> _pending = new();
    private readonly List<DashboardQuery> _queries = [];

    public Func<DashboardQuery, DashboardOverview> Answer { get; set; } = q => DashboardSamples.Overview(q.Scope);
    public IReadOnlyList<CohortWeek> Cohorts { get; set; } = [];
    public Exception? CohortFailure { get; set; }
    public KpiSnapshot Kpis { get; set; } = new(1, 1, 1, 0);

    public IReadOnlyList<DashboardQuery> Queries { get { lock (_queries) return _queries.ToList(); } }

    public TaskCompletionSource<DashboardOverview> NextResult()
    {
        var result = new TaskCompletionSource<DashboardOverview>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_queries) _pending.Enqueue(result);
        return result;
    }

    public Task<DashboardOverview> GetOverviewAsync(Actor actor, DashboardQuery query, CancellationToken ct = default)
    {
        lock (_queries)
        {
            _queries.Add(query);
            if (_pending.TryDequeue(out var pending)) return pending.Task;
        }
        return Task.FromResult(Answer(query));
    }

    public Task<KpiSnapshot> GetKpisAsync(Actor actor, CancellationToken ct = default) => Task.FromResult(Kpis);

    public Task<IReadOnlyList<CohortWeek>> GetCohortsAsync(Actor actor, Guid campaignId, CancellationToken ct = default) =>
        CohortFailure is { } failure ? Task.FromException<IReadOnlyList<CohortWeek>>(failure) : Task.FromResult(Cohorts);
}

/// <summary>Records goal writes; progress comes with the overview; the BDs a goal may be set for are <see cref="Bds"/>.</summary>
internal sealed class RecordingGoals : IGoalService
{
    public IReadOnlyList<GoalSubjectChoice> Bds { get; set; } = [];

    public Task<IReadOnlyList<GoalSubjectChoice>> ListBdsAsync(Actor actor, CancellationToken ct = default) => Task.FromResult(Bds);

    public List<Guid> Deleted { get; } = [];
    public List<GoalInput> Created { get; } = [];
    public List<(Guid GoalId, GoalInput Input, uint Version)> Updated { get; } = [];

    public Task<IReadOnlyList<GoalProgress>> GetCurrentAsync(Actor actor, MetricsScope scope, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<GoalProgress>>([]);

    public Task<Guid> CreateAsync(Actor actor, GoalInput input, CancellationToken ct = default)
    {
        Created.Add(input);
        return Task.FromResult(Guid.NewGuid());
    }

    public Task UpdateAsync(Actor actor, Guid goalId, GoalInput input, uint version, CancellationToken ct = default)
    {
        Updated.Add((goalId, input, version));
        return Task.CompletedTask;
    }

    public Task DeleteAsync(Actor actor, Guid goalId, CancellationToken ct = default)
    {
        Deleted.Add(goalId);
        return Task.CompletedTask;
    }
}

internal static class DashboardSamples
{
    public static readonly DateOnly Today = new(2026, 11, 30);
    public static readonly Guid CampaignA = Guid.Parse("0b0e7a64-0000-4000-8000-00000000000a");
    public static readonly Guid GoalId = Guid.Parse("0b0e7a64-0000-4000-8000-0000000000f1");

    public static BdTile Bd(string email, int calls, int emails, int tasks, int contacts = 0, int meetings = 0) =>
        new(Guid.NewGuid(), email, email.Split('@')[0], calls, contacts, emails, tasks, meetings,
            Enumerable.Range(0, 14).Select(i => i % 3).ToList());

    /// <summary>"Mine" figures are small, team figures large, so a toggle visibly changes them.</summary>
    public static DashboardOverview Overview(MetricsScope scope) => scope == MetricsScope.Team
        ? Overview(scope, calls: 40, bds: [Bd("bd1@facturix.local", 25, 2, 1), Bd("bd2@facturix.local", 15, 9, 4)])
        : Overview(scope, calls: 3, bds: []);

    public static DashboardOverview Overview(MetricsScope scope, int calls, IReadOnlyList<BdTile> bds) => new(
        scope, new DayRange(Today.AddDays(-6), Today), new KpiSnapshot(5, 3, 200, 10),
        new ActivityKpis(new MetricChange(calls, calls / 2), new MetricChange(2, 4), new MetricChange(1, 0), new MetricChange(7, 7)),
        bds,
        new Funnel(null, [new FunnelStep(StatusCategory.New, 120), new FunnelStep(StatusCategory.Won, 10)], [new CampaignStatusCount(null, null, 130)]),
        Enumerable.Range(0, 30).Select(i => new TrendPoint(Today.AddDays(i - 29), i % 5, i % 2)).ToList(),
        [new AtRiskCampaign(CampaignA, "Transporteurs", "Logivia", [AtRiskReason.NoRecentActivity, AtRiskReason.ListRunningDry],
            Today.AddDays(-5), null, null, 40, 8, Today.AddDays(5), Today.AddDays(20))],
        [new GoalProgress(GoalId, GoalSubject.User, Guid.NewGuid(), "bd1", GoalMetric.Calls, GoalPeriodUnit.Month,
            new DateOnly(2026, 11, 1), Today, 100, 60, 40, false, 1)],
        DateTimeOffset.UtcNow);

    public static DashboardOverview Empty(MetricsScope scope) => new(
        scope, new DayRange(Today, Today), new KpiSnapshot(0, 0, 0, 0),
        new ActivityKpis(new MetricChange(0, 0), new MetricChange(0, 0), new MetricChange(0, 0), new MetricChange(0, 0)),
        [], new Funnel(null, [], []), Enumerable.Range(0, 30).Select(i => new TrendPoint(Today.AddDays(i - 29), 0, 0)).ToList(),
        [], [], DateTimeOffset.UtcNow);
}
