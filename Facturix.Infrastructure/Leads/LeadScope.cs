using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;

namespace Facturix.Infrastructure.Leads;

/// <summary>The one definition of "leads this actor may see", reused by every lead query.</summary>
internal static class LeadScope
{
    public static IQueryable<Lead> ScopedTo(this IQueryable<Lead> leads, Actor actor, FacturixDb db) =>
        actor.SeesWholeTeam
            ? leads
            : leads.Where(l => db.CampaignAssignments.Any(a => a.CampaignId == l.CampaignId && a.UserId == actor.UserId));
}
