using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The lead service's and the leads list's rows of the matrix: whoever sees the world's lead.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> LeadOperations() => new()
    {
        ["ILeadService.GetAsync"] = (async (w, a) =>
            (await w.Get<ILeadService>().GetAsync(a, w.Lead.Id)).Id == w.Lead.Id, ThoseWhoSeeTheLead),
        ["ILeadService.GetTimelineAsync"] = (async (w, a) =>
        {
            await w.Get<ILeadService>().GetTimelineAsync(a, w.Lead.Id, new TimelineQuery());
            return true;
        }, ThoseWhoSeeTheLead),
        ["ILeadService.UpdateAsync"] = (async (w, a) =>
        {
            await using var db = await w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContextAsync();
            var version = await db.Leads.Where(l => l.Id == w.Lead.Id).Select(l => l.Version).SingleAsync();
            await w.Get<ILeadService>().UpdateAsync(a, w.Lead.Id, new LeadEditInput { Company = "Renommée", Country = "FR" }, version);
            return true;
        }, ThoseWhoSeeTheLead),
        ["ILeadService.AddNoteAsync"] = (async (w, a) =>
            await w.Get<ILeadService>().AddNoteAsync(a, w.Lead.Id, "Note") != Guid.Empty, ThoseWhoSeeTheLead),
        // Leads list (issue 13): the world's lead is listed, and its campaign offered as a filter, only to those who see it.
        ["ILeadQueries.ListAsync"] = (async (w, a) =>
            (await w.Get<ILeadQueries>().ListAsync(a, new LeadListQuery(), new PageRequest())).Items.Any(r => r.Id == w.Lead.Id),
            ThoseWhoSeeTheLead),
        ["ILeadQueries.GetFilterOptionsAsync"] = (async (w, a) =>
            (await w.Get<ILeadQueries>().GetFilterOptionsAsync(a, w.Campaign.Id)).Campaigns.Any(c => c.Id == w.Campaign.Id),
            ThoseWhoSeeTheLead),
    };
}
