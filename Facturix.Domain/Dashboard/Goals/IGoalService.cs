using Facturix.Domain.Users;

namespace Facturix.Domain.Dashboard.Goals;

/// <summary>Goals per BD, campaign or account (backlog 2.1.7, 2.5.4). Setting them needs <see cref="Capability.AnalyticsTeam"/> and the subject in scope.</summary>
public interface IGoalService
{
    /// <summary>Goals whose period contains today, visible to <paramref name="actor"/> in <paramref name="scope"/>, with progress.</summary>
    Task<IReadOnlyList<GoalProgress>> GetCurrentAsync(Actor actor, MetricsScope scope, CancellationToken ct = default);

    /// <summary>
    /// The BDs <paramref name="actor"/> may set goals for: active BDs among the people of their scope, by name. The goal
    /// dialog offers these, whichever figures (mine or team) the dashboard behind it shows.
    /// </summary>
    Task<IReadOnlyList<GoalSubjectChoice>> ListBdsAsync(Actor actor, CancellationToken ct = default);

    Task<Guid> CreateAsync(Actor actor, GoalInput input, CancellationToken ct = default);

    Task UpdateAsync(Actor actor, Guid goalId, GoalInput input, uint version, CancellationToken ct = default);

    Task DeleteAsync(Actor actor, Guid goalId, CancellationToken ct = default);
}
