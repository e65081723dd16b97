using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Users;

namespace Facturix.Infrastructure.Dashboard.Goals;

internal sealed class GoalService : IGoalService
{
    public Task<IReadOnlyList<GoalProgress>> GetCurrentAsync(Actor actor, MetricsScope scope, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<GoalProgress>>([]);

    public Task<Guid> CreateAsync(Actor actor, GoalInput input, CancellationToken ct = default) => throw new NotImplementedException("Issue 16: goals");

    public Task UpdateAsync(Actor actor, Guid goalId, GoalInput input, uint version, CancellationToken ct = default) =>
        throw new NotImplementedException("Issue 16: goals");

    public Task DeleteAsync(Actor actor, Guid goalId, CancellationToken ct = default) => throw new NotImplementedException("Issue 16: goals");
}
