using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The WorkspaceOutcomes services' rows of the matrix (issue 14).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    // Outcomes, script and context are the workspace's: WorkspaceWork (Admin, Manager, BD by default) and the lead or
    // campaign in scope. Recording also needs the actor's own lease: each row locks the World's lead for the caller first,
    // so who is refused is refused by capability or scope, never by the lock.
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> WorkspaceOutcomesOperations() => new()
    {
        ["IWorkspaceOutcomes.GetOutcomesAsync"] = (async (w, a) =>
        {
            var id = await AddOutcomeAsync(w, "Messagerie", 2);
            return (await w.Get<IWorkspaceOutcomes>().GetOutcomesAsync(a, w.Campaign.Id)).Any(o => o.Id == id && o.Hotkey == 2);
        }, ThoseWhoSeeTheLead),
        ["IWorkspaceOutcomes.RecordAsync"] = (async (w, a) =>
        {
            var id = await AddOutcomeAsync(w, "Messagerie", 2);
            await LockWorldLeadForAsync(w, a);
            var recorded = await w.Get<IWorkspaceOutcomes>().RecordAsync(a, new OutcomeInput { LeadId = w.Lead.Id, OutcomeId = id, Release = true });
            return recorded.LeadId == w.Lead.Id && recorded.Released;
        }, ThoseWhoSeeTheLead),
        ["IWorkspaceContext.GetScriptAsync"] = (async (w, a) =>
            (await w.Get<IWorkspaceContext>().GetScriptAsync(a, w.Lead.Id)).Objections is not null, ThoseWhoSeeTheLead),
        ["IWorkspaceContext.GetContextAsync"] = (async (w, a) =>
            (await w.Get<IWorkspaceContext>().GetContextAsync(a, w.Lead.Id)).Recent is not null, ThoseWhoSeeTheLead),
    };

    /// <summary>Sets the World lead's lease to <paramref name="holder"/> directly (what Get Next would do).</summary>
    private static async Task LockWorldLeadForAsync(World w, Actor holder)
    {
        var now = w.Get<TimeProvider>().GetUtcNow();
        await using var db = w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContext();
        await db.Leads.Where(l => l.Id == w.Lead.Id).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.LockedById, holder.UserId)
            .SetProperty(l => l.LockedAt, now)
            .SetProperty(l => l.LockExpiresAt, now.AddMinutes(10)));
    }
}
