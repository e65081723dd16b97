using Facturix.Domain.Users;
using Facturix.Domain.Workspace;

namespace Facturix.Infrastructure.Workspace;

/// <summary>Placeholder of the issue-14 spine; the ws-presence helper implements it.</summary>
internal sealed class LeadPresence : ILeadPresence
{
    public Task JoinAsync(Actor actor, Guid leadId, string circuitId, CancellationToken ct = default) => throw new NotImplementedException();

    public Task LeaveAsync(Actor actor, Guid leadId, string circuitId, CancellationToken ct = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<LeadViewer>> GetViewersAsync(Actor actor, Guid leadId, CancellationToken ct = default) => throw new NotImplementedException();
}
