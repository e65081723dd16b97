using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The Workspace services' rows of the matrix (issue 14): the queue works for those who see the campaign.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> WorkspaceOperations() => new()
    {
        ["IWorkspaceQueue.GetCampaignsAsync"] = (async (w, a) =>
            (await w.Get<IWorkspaceQueue>().GetCampaignsAsync(a)).Any(c => c.Id == w.Campaign.Id), ThoseWhoSeeTheLead),
        // Calling hours depend on when the test runs: "did the thing" is a locked lead or a reason, not a refusal.
        ["IWorkspaceQueue.GetNextAsync"] = (async (w, a) =>
        {
            var result = await w.Get<IWorkspaceQueue>().GetNextAsync(a, w.Campaign.Id);
            return result.Lead?.Id == w.Lead.Id || result.EmptyReason is QueueEmptyReason.OutsideHours;
        }, ThoseWhoSeeTheLead),
        ["IWorkspaceQueue.RenewAsync"] = (async (w, a) =>
        {
            await HoldLeadAsync(w, a);
            return await w.Get<IWorkspaceQueue>().RenewAsync(a, w.Lead.Id) > DateTimeOffset.UtcNow.AddDays(-1);
        }, ThoseWhoSeeTheLead),
        ["IWorkspaceQueue.ReleaseAsync"] = (async (w, a) =>
        {
            await HoldLeadAsync(w, a);
            await w.Get<IWorkspaceQueue>().ReleaseAsync(a, w.Lead.Id);
            return await LockHolderAsync(w) is null;
        }, ThoseWhoSeeTheLead),
        ["IWorkspaceQueue.SkipAsync"] = (async (w, a) =>
        {
            await HoldLeadAsync(w, a);
            await w.Get<IWorkspaceQueue>().SkipAsync(a, w.Lead.Id, "Standard fermé");
            return await LockHolderAsync(w) is null;
        }, ThoseWhoSeeTheLead),
    };

    /// <summary>Gives the world's lead to <paramref name="actor"/> for an hour, as Get Next would (any actor: the FK needs a real user).</summary>
    private static async Task HoldLeadAsync(World w, Actor actor)
    {
        await using var db = await w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        await db.Leads.Where(l => l.Id == w.Lead.Id).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.LockedById, actor.UserId).SetProperty(l => l.LockedAt, now).SetProperty(l => l.LockExpiresAt, now.AddDays(1)));
    }

    private static async Task<Guid?> LockHolderAsync(World w)
    {
        await using var db = await w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContextAsync();
        return await db.Leads.Where(l => l.Id == w.Lead.Id).Select(l => l.LockedById).SingleAsync();
    }
}
