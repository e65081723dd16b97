using Facturix.Domain.Users;
using Facturix.Domain.Workspace;

namespace Facturix.Infrastructure.Workspace;

/// <summary>Placeholder of the issue-14 spine; the ws-outcomes helper implements it.</summary>
internal sealed class WorkspaceContext : IWorkspaceContext
{
    public Task<WorkspaceScript> GetScriptAsync(Actor actor, Guid leadId, CancellationToken ct = default) => throw new NotImplementedException();

    public Task<WorkspaceLeadContext> GetContextAsync(Actor actor, Guid leadId, CancellationToken ct = default) => throw new NotImplementedException();
}
