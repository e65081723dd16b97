using Facturix.Domain.Users;
using Facturix.Domain.Workspace;

namespace Facturix.Infrastructure.Workspace;

/// <summary>Placeholder of the issue-14 spine; the ws-outcomes helper implements it.</summary>
internal sealed class WorkspaceOutcomes : IWorkspaceOutcomes
{
    public Task<IReadOnlyList<WorkspaceOutcome>> GetOutcomesAsync(Actor actor, Guid campaignId, CancellationToken ct = default) => throw new NotImplementedException();

    public Task<OutcomeRecorded> RecordAsync(Actor actor, OutcomeInput input, CancellationToken ct = default) => throw new NotImplementedException();
}
