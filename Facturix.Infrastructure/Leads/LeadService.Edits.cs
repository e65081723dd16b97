using Facturix.Domain.Activities;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads;

internal sealed partial class LeadService
{
    public async Task UpdateAsync(Actor actor, Guid leadId, LeadEditInput input, uint expectedVersion, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsEdit);
        await editValidator.ValidateAndThrowAsync(input, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await FindAsync(db, actor, leadId, ct);
        var before = Snapshot(lead);
        // SaveChanges updates WHERE xmin = the version the page read: a save by someone else since then matches no
        // row and ends in a conflict the page shows, instead of silently overwriting their change.
        db.Entry(lead).Property(l => l.Version).OriginalValue = expectedVersion;
        LeadEditRules.Apply(lead, input);
        // Get Next reads calling hours in the lead's zone (issue 14): it follows the phone and the country.
        Facturix.Domain.Workspace.LeadTimeZones.Refresh(lead);
        var now = clock.GetUtcNow();
        lead.UpdatedAt = now;
        // Job title, country and headcount are score inputs: the score is saved with them (docs/decisions/0039).
        await LeadScores.ApplyAsync(db, lead, now, ct);
        db.Audit(actor, now, "lead.updated", "lead", lead.Id, LabelOf(lead), before, Snapshot(lead));
        db.Publish(new LeadUpdated(lead.Id, lead.CampaignId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ConflictException.Concurrency("lead", leadId, ex);
        }
    }

    public async Task<Guid> AddNoteAsync(Actor actor, Guid leadId, string text, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsEdit);
        await noteValidator.ValidateAndThrowAsync(new LeadNote { Text = text ?? "" }, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await FindAsync(db, actor, leadId, ct);
        var now = clock.GetUtcNow();
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(now),
            LeadId = lead.Id, AccountId = lead.AccountId, CampaignId = lead.CampaignId, UserId = actor.UserId,
            Kind = ActivityKind.Note, Body = text!.Trim(), OccurredAt = now, CreatedAt = now,
        };
        db.Activities.Add(activity);
        lead.LastActivityAt = now;
        db.Publish(new ActivityLogged(activity.Id, activity.Kind, lead.Id, lead.CampaignId, actor.UserId));
        db.Publish(new LeadUpdated(lead.Id, lead.CampaignId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // Only when the lead row changed in the milliseconds between our read and write: nothing was saved.
            throw ConflictException.Concurrency("lead", leadId, ex);
        }
        return activity.Id;
    }

    /// <summary>The lead if in the actor's scope; missing and out of scope look the same.</summary>
    private static async Task<Lead> FindAsync(FacturixDb db, Actor actor, Guid leadId, CancellationToken ct) =>
        await Scope.Leads(db, actor).FirstOrDefaultAsync(l => l.Id == leadId, ct)
        ?? throw new NotFoundException("lead", leadId);

    private static string LabelOf(Lead lead) => lead.DisplayName is { Length: > 0 } name ? $"{name} ({lead.Company})" : lead.Company;

    private static object Snapshot(Lead l) => new
    {
        l.FirstName, l.LastName, l.JobTitle, l.Company, l.Email, l.Phone, l.Country, l.City, l.Website, l.CompanyEmployees,
    };
}
