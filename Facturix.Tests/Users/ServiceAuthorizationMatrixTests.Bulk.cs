using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>The leads bulk actions and export services' rows of the matrix (issue 13).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> BulkOperations() => new()
    {
        // Bulk actions need leads.bulk (admins and managers) and the lead in scope: the out-of-scope manager is refused.
        ["ILeadBulkService.RunAsync"] = (async (w, a) =>
            (await w.Get<ILeadBulkService>().RunAsync(a, LeadSelection.Of([w.Lead.Id]), new LeadBulkAction.AssignOwner(null))).Affected == 1,
            [Who.Admin, Who.ManagerInScope]),
        ["ILeadBulkService.RunAsync delete"] = (async (w, a) =>
            (await w.Get<ILeadBulkService>().RunAsync(a, LeadSelection.Of([w.Lead.Id]), new LeadBulkAction.Delete())).Affected == 1,
            [Who.Admin, Who.ManagerInScope]),
        // "All matching" is re-evaluated in scope: the out-of-scope manager's selection is empty.
        ["ILeadBulkService.RunAsync all matching"] = (async (w, a) =>
            (await w.Get<ILeadBulkService>().RunAsync(a, LeadSelection.AllMatching(new LeadListQuery(CampaignId: w.Campaign.Id)),
                new LeadBulkAction.AddNote("Relance"))).Affected == 1,
            [Who.Admin, Who.ManagerInScope]),
        // Each person reads their own operations; capability leads.bulk, no scope involved.
        ["ILeadBulkService.GetOperationAsync"] = (async (w, a) =>
        {
            var id = Guid.CreateVersion7();
            await using (var db = await w.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContextAsync())
            {
                db.BulkOperations.Add(new BulkOperation
                {
                    Id = id, RequestedById = a.UserId, Kind = "delete", Parameters = "{}", CreatedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            }
            return (await w.Get<ILeadBulkService>().GetOperationAsync(a, id)).Id == id;
        }, [Who.Admin, Who.ManagerInScope, Who.ManagerOutOfScope]),
        ["ILeadExport.ExportCsvAsync"] = (async (w, a) =>
        {
            using var output = new MemoryStream();
            return await w.Get<ILeadExport>().ExportCsvAsync(a, LeadSelection.Of([w.Lead.Id]), new LeadExportRequest(LeadColumns.Default), output) == 1;
        }, [Who.Admin, Who.ManagerInScope]),
    };
}
