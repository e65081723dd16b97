using Facturix.Domain.Users;

namespace Facturix.Domain.Dashboard.Goals;

/// <summary>Goals per BD, campaign or account (backlog 2.1.7, 2.5.4). Setting them needs <see cref="Capability.AnalyticsTeam"/> and the subject in scope.</summary>
public interface IGoalService
{
    /// <summary>Goals whose period contains today, visible to <paramref name="actor"/> in <paramref name="scope"/>, with progress.</summary>
    Task<IReadOnlyList<GoalProgress>> GetCurrentAsync(Actor actor, MetricsScope scope, CancellationToken ct = default);

    Task<Guid> CreateAsync(Actor actor, GoalInput input, CancellationToken ct = default);

    Task UpdateAsync(Actor actor, Guid goalId, GoalInput input, uint version, CancellationToken ct = default);

    Task DeleteAsync(Actor actor, Guid goalId, CancellationToken ct = default);
}
