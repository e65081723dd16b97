using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads;

/// <summary>
/// <see cref="ILeadService"/>: status changes here, the lead page's reads in <c>LeadService.Reads.cs</c> and its
/// edits (fields, notes) in <c>LeadService.Edits.cs</c>.
/// </summary>
internal sealed partial class LeadService(
    IDbContextFactory<FacturixDb> dbFactory,
    IValidator<LeadEditInput> editValidator,
    IValidator<LeadNote> noteValidator,
    TimeProvider clock) : ILeadService
{
    public async Task ChangeStatusAsync(Actor actor, Guid leadId, LeadStatus status, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsEdit);
        if (!Enum.IsDefined(status)) throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown lead status.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await Scope.Leads(db, actor).FirstOrDefaultAsync(l => l.Id == leadId, ct)
            ?? throw new NotFoundException("lead", leadId);
        if (LeadStatusChanges.Apply(db, lead, status, actor.UserId, clock.GetUtcNow()) is null) return;
        db.Publish(new LeadUpdated(lead.Id, lead.CampaignId));
        await db.SaveChangesAsync(ct);
    }
}
