using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The Presence services' rows of the matrix (issue 14).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> PresenceOperations() => new()
    {
        // Joining and listing need the lead in sight; the list names the admin who has the lead open.
        ["ILeadPresence.JoinAsync"] = (async (w, a) =>
        {
            await w.Get<ILeadPresence>().JoinAsync(a, w.Lead.Id, $"matrix-{Guid.NewGuid():N}");
            return await PresenceRowsOfAsync(w, a.UserId) == 1;
        }, ThoseWhoSeeTheLead),
        ["ILeadPresence.GetViewersAsync"] = (async (w, a) =>
        {
            await w.Get<ILeadPresence>().JoinAsync(w.Actors[Who.Admin], w.Lead.Id, "matrix-admin");
            return (await w.Get<ILeadPresence>().GetViewersAsync(a, w.Lead.Id)).Any(v => v.UserId == w.Actors[Who.Admin].UserId);
        }, ThoseWhoSeeTheLead),
        // Leaving deletes only the actor's own row (decision 0050): anyone may, even after losing access, so they vanish at once.
        ["ILeadPresence.LeaveAsync"] = (async (w, a) =>
        {
            await using (var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext())
            {
                db.LeadPresences.Add(new LeadPresenceEntry
                {
                    CircuitId = "matrix-own", LeadId = w.Lead.Id, UserId = a.UserId, SeenAt = w.Get<TimeProvider>().GetUtcNow(),
                });
                await db.SaveChangesAsync();
            }
            await w.Get<ILeadPresence>().LeaveAsync(a, w.Lead.Id, "matrix-own");
            return await PresenceRowsOfAsync(w, a.UserId) == 0;
        }, Everyone),
    };

    private static async Task<int> PresenceRowsOfAsync(World w, Guid userId)
    {
        await using var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext();
        return await db.LeadPresences.CountAsync(p => p.UserId == userId);
    }
}
