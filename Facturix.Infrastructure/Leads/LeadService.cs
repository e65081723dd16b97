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
        if (!Enum.IsDefined(status)) throw Refusals.Invalid("Status", ErrorCodes.LeadStatusInvalid, status);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await Scope.Leads(db, actor).FirstOrDefaultAsync(l => l.Id == leadId, ct)
            ?? throw new NotFoundException("lead", leadId);
        if (LeadStatusChanges.Apply(db, lead, status, actor.UserId, clock.GetUtcNow()) is null) return;
        // The campaign status names a stage ("RDV pris" is a meeting booked): kept after the stage moved, the board left
        // the card in its old column and the export showed the old label. Without one, the lead sits in the first
        // status of its new stage (docs/decisions/0039).
        if (lead.CampaignStatusId is { } campaignStatusId
            && !await db.CampaignStatuses.AnyAsync(s => s.Id == campaignStatusId && s.Stage == status, ct))
            lead.CampaignStatusId = null;
        db.Publish(new LeadUpdated(lead.Id, lead.CampaignId));
        await db.SaveChangesAsync(ct);
    }
}
