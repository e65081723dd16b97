using Facturix.Domain.Users;
using Facturix.Domain.Workspace;

namespace Facturix.Infrastructure.Workspace;

/// <summary>Placeholder of the issue-14 spine; the ws-queue helper implements it.</summary>
internal sealed class WorkspaceQueue : IWorkspaceQueue
{
    public Task<IReadOnlyList<WorkspaceCampaign>> GetCampaignsAsync(Actor actor, CancellationToken ct = default) => throw new NotImplementedException();

    public Task<QueueResult> GetNextAsync(Actor actor, Guid campaignId, CancellationToken ct = default) => throw new NotImplementedException();

    public Task<DateTimeOffset> RenewAsync(Actor actor, Guid leadId, CancellationToken ct = default) => throw new NotImplementedException();

    public Task ReleaseAsync(Actor actor, Guid leadId, CancellationToken ct = default) => throw new NotImplementedException();

    public Task SkipAsync(Actor actor, Guid leadId, string reason, CancellationToken ct = default) => throw new NotImplementedException();
}
