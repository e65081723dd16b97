using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The audit log's rows of the matrix (decision 0026): searching, listing actions and exporting.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> AuditOperations() => new()
    {
        // Audit log (decision 0026): a manager reads the events of the people in their scope, so "allowed" means the
        // assigned BD's event was seen; the out-of-scope manager gets an empty result.
        ["IAuditLog.SearchAsync"] = (async (w, a) =>
        {
            await AuditedByAssignedBdAsync(w);
            var found = await w.Get<Facturix.Domain.Audit.IAuditLog>().SearchAsync(a, new(), new PageRequest());
            return found.Items.Any(e => e.ActorEmail == w.Actors[Who.AssignedBd].Email);
        }, [Who.Admin, Who.ManagerInScope]),
        ["IAuditLog.ListActionsAsync"] = (async (w, a) =>
        {
            await AuditedByAssignedBdAsync(w);
            return (await w.Get<Facturix.Domain.Audit.IAuditLog>().ListActionsAsync(a)).Contains("matrix.probed");
        }, [Who.Admin, Who.ManagerInScope]),
        ["IAuditLog.ExportCsvAsync"] = (async (w, a) =>
        {
            await AuditedByAssignedBdAsync(w);
            using var output = new MemoryStream();
            return await w.Get<Facturix.Domain.Audit.IAuditLog>().ExportCsvAsync(a, new(Action: "matrix.probed"), output) == 1;
        }, [Who.Admin, Who.ManagerInScope]),
    };

    /// <summary>An audit event whose actor is the assigned BD (in the in-scope manager's scope, not the other's).</summary>
    private static async Task AuditedByAssignedBdAsync(World w)
    {
        await using var db = w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContext();
        db.AuditEvents.Add(new Facturix.Domain.Audit.AuditEvent
        {
            OccurredAt = DateTimeOffset.UtcNow, ActorId = w.Actors[Who.AssignedBd].UserId, Action = "matrix.probed", EntityType = "lead",
            EntityId = w.Lead.Id,
        });
        await db.SaveChangesAsync();
    }
}
