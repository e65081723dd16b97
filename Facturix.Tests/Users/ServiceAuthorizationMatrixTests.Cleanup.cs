using System.Text.Json;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The leads enrichment (clean-up) services' rows of the matrix (issue 13).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    /// <summary>LeadsBulk (admins, managers) and the lead in scope (docs/decisions/0040).</summary>
    private static readonly Who[] LeadCleaners = [Who.Admin, Who.ManagerInScope];

    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> CleanupOperations() => new()
    {
        ["ILeadCleanupService.PreviewAsync"] = (async (w, a) =>
        {
            await UpperCaseEmailAsync(w);
            return (await w.Get<ILeadCleanupService>().PreviewAsync(a, LeadSelection.Of([w.Lead.Id]), LeadCleanupOptions.All)).LeadsChanged == 1;
        }, LeadCleaners),
        ["ILeadCleanupService.ApplyAsync"] = (async (w, a) =>
        {
            await UpperCaseEmailAsync(w);
            return (await w.Get<ILeadCleanupService>().ApplyAsync(a, LeadSelection.Of([w.Lead.Id]), LeadCleanupOptions.All)).BatchId is not null;
        }, LeadCleaners),
        ["ILeadCleanupService.ApplyAsync all matching"] = (async (w, a) =>
        {
            await UpperCaseEmailAsync(w);
            var selection = LeadSelection.AllMatching(LeadListQuery.Empty with { CampaignId = w.Campaign.Id });
            return (await w.Get<ILeadCleanupService>().ApplyAsync(a, selection, LeadCleanupOptions.All)).BatchId is not null;
        }, LeadCleaners),
        // The batch is the actor's own (only they may undo it); the lead it touched decides by scope.
        ["ILeadCleanupService.UndoAsync"] = (async (w, a) =>
            (await w.Get<ILeadCleanupService>().UndoAsync(a, await CleanedBatchOfAsync(w, a))).FieldsRestored == 1, LeadCleaners),
        // Own batches only, whatever the scope: anyone allowed to clean lists what they did.
        ["ILeadCleanupService.ListRecentAsync"] = (async (w, a) =>
        {
            var batch = await CleanedBatchOfAsync(w, a);
            return (await w.Get<ILeadCleanupService>().ListRecentAsync(a)).Any(b => b.Id == batch);
        }, [Who.Admin, Who.ManagerInScope, Who.ManagerOutOfScope]),
    };

    private static async Task UpperCaseEmailAsync(World w)
    {
        await using var db = await w.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        await db.Leads.Where(l => l.Id == w.Lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Email, "UPPER@EXAMPLE.FR"));
    }

    /// <summary>A batch recorded for <paramref name="actor"/> as if they had lower-cased the lead's email.</summary>
    private static async Task<Guid> CleanedBatchOfAsync(World w, Actor actor)
    {
        await using var db = await w.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        await db.Leads.Where(l => l.Id == w.Lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Email, "upper@example.fr"));
        var batch = new LeadCleanupBatch
        {
            Id = Guid.CreateVersion7(), ActorId = actor.UserId, CreatedAt = DateTimeOffset.UtcNow, LeadCount = 1,
            Changes = JsonSerializer.Serialize(new[]
            {
                new { leadId = w.Lead.Id, campaignId = w.Campaign.Id, field = "Email", before = "UPPER@EXAMPLE.FR", after = "upper@example.fr" },
            }),
        };
        db.LeadCleanupBatches.Add(batch);
        await db.SaveChangesAsync();
        return batch.Id;
    }
}
