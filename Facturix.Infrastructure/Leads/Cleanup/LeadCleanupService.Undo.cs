using System.Data.Common;
using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads.Cleanup;

/// <summary>
/// Undo, and the list of recent batches it is offered from (LeadCleanupRecent): both work on the batches
/// <see cref="ApplyAsync"/> recorded.
/// </summary>
internal sealed partial class LeadCleanupService
{
    private const int RecentCount = 10;

    public async Task<LeadCleanupUndone> UndoAsync(Actor actor, Guid batchId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.LeadCleanupBatches.FirstOrDefaultAsync(b => b.Id == batchId && b.ActorId == actor.UserId, ct)
            ?? throw new NotFoundException("lead-cleanup-batch", batchId);
        // Claimed with a conditional update: of two undos at once, the second waits on the row and then finds it taken.
        var claimed = await db.LeadCleanupBatches.Where(b => b.Id == batchId && b.UndoneAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.UndoneAt, now).SetProperty(b => b.UndoneById, actor.UserId), ct);
        if (claimed == 0)
            throw new ConflictException(ErrorCodes.CleanupAlreadyUndone, $"Clean-up batch {batchId} was already undone.");

        var changes = JsonSerializer.Deserialize<List<Recorded>>(batch.Changes, Json) ?? [];
        var byLead = changes.GroupBy(c => c.LeadId).ToDictionary(g => g.Key, g => g.ToList());
        int restored = 0, skipped = 0;
        var campaigns = new HashSet<Guid>();
        foreach (var chunk in byLead.Keys.Chunk(ChunkSize))
        {
            var (chunkRestored, chunkCampaigns) = await UndoChunkAsync(db, actor, chunk, byLead, now, ct);
            restored += chunkRestored;
            campaigns.UnionWith(chunkCampaigns);
        }
        skipped = changes.Count - restored;

        db.Audit(actor, now, "leads.cleanup-undone", "lead-cleanup-batch", batch.Id, $"{batch.LeadCount} leads",
            after: new { restored, skipped });
        if (campaigns.Count > 0) db.Publish(new LeadsChanged(campaigns.ToList()));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(restored, skipped);
    }

    public async Task<IReadOnlyList<LeadCleanupBatchSummary>> ListRecentAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The change count from jsonb_array_length: the changes themselves (megabytes for a campaign) are not read.
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """
            SELECT id, created_at, lead_count, jsonb_array_length(changes), undone_at
            FROM lead_cleanup_batches WHERE actor_id = @actor ORDER BY created_at DESC, id DESC LIMIT @limit
            """;
        Add(command, "actor", actor.UserId);
        Add(command, "limit", RecentCount);
        var result = new List<LeadCleanupBatchSummary>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        return result;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<(int Restored, HashSet<Guid> Campaigns)> UndoChunkAsync(
        FacturixDb db, Actor actor, Guid[] chunk, Dictionary<Guid, List<Recorded>> byLead, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            // Through the scope: a lead that left the actor's scope since is not restored (counted as skipped).
            var leads = await Scope.Leads(db, actor).Where(l => chunk.Contains(l.Id)).ToListAsync(ct);
            var restored = 0;
            var campaigns = new HashSet<Guid>();
            foreach (var lead in leads)
            {
                var values = ValuesOf(lead);
                var any = false;
                foreach (var change in byLead[lead.Id])
                {
                    // A value edited since the clean-up is someone's later decision: it wins over the undo.
                    if (!string.Equals(values[change.Field], change.After, StringComparison.Ordinal)) continue;
                    Write(lead, change.Field, change.Before);
                    restored++;
                    any = true;
                }
                if (!any) continue;
                lead.UpdatedAt = now;
                campaigns.Add(lead.CampaignId);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return (restored, campaigns);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // As in ApplyChunkAsync: re-read, so the "still holds the applied value" check sees the new value.
            }
            catch (DbUpdateConcurrencyException ex)
            {
                throw ConflictException.Concurrency("lead", ex.Entries.Select(e => ((Lead)e.Entity).Id).FirstOrDefault(), ex);
            }
        }
    }
}
