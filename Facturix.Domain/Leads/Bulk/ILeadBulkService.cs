using Facturix.Domain.Users;

namespace Facturix.Domain.Leads.Bulk;

/// <summary>
/// Bulk actions on the leads list's selection (ticked ids, or all leads matching the filters, re-evaluated on the server
/// in the actor's scope). <see cref="Capability.LeadsBulk"/>, or <see cref="Capability.LeadsDelete"/> for deleting. A lead
/// of the selection outside the actor's scope refuses the whole action (<see cref="Common.NotFoundException"/>).
/// Small selections change in one transaction; larger ones become a <see cref="BulkOperation"/> run by a job
/// (docs/decisions/0037). Every action is audited once, with its count and selection.
/// </summary>
public interface ILeadBulkService
{
    Task<LeadBulkResult> RunAsync(Actor actor, LeadSelection selection, LeadBulkAction action, CancellationToken ct = default);

    /// <summary>A bulk operation the actor started (anyone else's is not found).</summary>
    Task<BulkOperationStatus> GetOperationAsync(Actor actor, Guid operationId, CancellationToken ct = default);
}
