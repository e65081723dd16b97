using Facturix.Domain.Users;

namespace Facturix.Domain.Leads;

public interface ILeadService
{
    /// <summary>
    /// Moves a lead to another pipeline stage, logs a status activity and announces the change.
    /// A BD may only change leads of campaigns assigned to them.
    /// </summary>
    Task ChangeStatusAsync(Actor actor, Guid leadId, LeadStatus status, CancellationToken ct = default);
}
