using Facturix.Domain.Leads;
using Facturix.Infrastructure.Database;

namespace Facturix.Infrastructure.Leads;

/// <summary>A lead's open to-dos as the lead page and the workspace's context panel list them: soonest due first, undated last.</summary>
internal static class LeadOpenTasks
{
    public static IQueryable<LeadTaskRow> Of(FacturixDb db, Guid leadId) =>
        from t in db.Tasks
        where t.LeadId == leadId && t.CompletedAt == null
        join u in db.Users on t.AssigneeId equals u.Id
        orderby t.DueAt == null, t.DueAt, t.CreatedAt, t.Id
        select new LeadTaskRow(t.Id, t.Title, t.DueAt, t.Priority, u.DisplayName);
}
