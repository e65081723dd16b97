using Facturix.Domain.Leads;
using Facturix.Infrastructure.Database;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads;

/// <summary>
/// <see cref="ILeadService"/>: the lead page's reads in <c>LeadService.Reads.cs</c> and its edits (fields, notes) in
/// <c>LeadService.Edits.cs</c>. Status changes go through the board's move (<c>ILeadBoard.MoveAsync</c>, with the row
/// version) and the workspace's outcomes; the unversioned <c>ChangeStatusAsync</c> that no screen called is gone.
/// </summary>
internal sealed partial class LeadService(
    IDbContextFactory<FacturixDb> dbFactory,
    IValidator<LeadEditInput> editValidator,
    IValidator<LeadNote> noteValidator,
    TimeProvider clock) : ILeadService
{
}
