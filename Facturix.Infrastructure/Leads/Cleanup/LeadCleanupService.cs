using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads.Cleanup;

/// <summary>
/// <see cref="ILeadCleanupService"/> over <see cref="LeadCleanupPreview"/> (docs/decisions/0031, 0040). Preview and
/// apply run the same evaluation on the values read at that moment, so what is applied is what a preview taken at
/// the same time would have shown, and a lead edited after the preview is judged on its new values.
/// </summary>
internal sealed class LeadCleanupService(
    IDbContextFactory<FacturixDb> dbFactory,
    TimeProvider clock,
    IValidator<LeadCleanupRequest> validator) : ILeadCleanupService
{
    /// <summary>Leads read and written per SaveChanges: bounded memory and statement size for a whole campaign.</summary>
    internal const int ChunkSize = 500;
    /// <summary>Re-reads of a chunk whose leads someone saved between our read and our write, before giving up.</summary>
    private const int MaxAttempts = 5;
    private const int RecentCount = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>One recorded change in <see cref="LeadCleanupBatch.Changes"/>.</summary>
    private sealed record Recorded(Guid LeadId, Guid CampaignId, LeadField Field, string? Before, string? After);

    public async Task<LeadCleanupPreviewResult> PreviewAsync(
        Actor actor, LeadSelection selection, LeadCleanupOptions options, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        await validator.ValidateAndThrowAsync(new LeadCleanupRequest(selection, options), ct);
        var fields = options.Fields;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shown = new List<LeadFieldChange>();
        var changesPerField = new Dictionary<LeadField, int>();
        var problemsPerField = new Dictionary<LeadField, int>();
        int scanned = 0, changed = 0;
        // Streamed, untracked: a campaign of 100,000 leads is read once without holding it.
        var rows = (await SelectedAsync(db, actor, selection, ct)).OrderBy(l => l.Id).AsNoTracking()
            .Select(l => new { l.Id, l.FirstName, l.LastName, l.Company, l.Email, l.Phone, l.Country })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            scanned++;
            var values = new LeadContactValues(row.FirstName, row.LastName, row.Company, row.Email, row.Phone, row.Country.Trim());
            var (changes, problems) = Evaluate(values, fields);
            foreach (var problem in problems) Increment(problemsPerField, problem.Field);
            if (changes.Count == 0) continue;
            changed++;
            foreach (var change in changes)
            {
                Increment(changesPerField, change.Field);
                if (shown.Count < ILeadCleanupService.PreviewLimit)
                    shown.Add(new(row.Id, Label(values), change.Field, change.Before, change.After));
            }
        }
        return new(shown, changesPerField, problemsPerField, scanned, changed);
    }

    public async Task<LeadCleanupApplied> ApplyAsync(
        Actor actor, LeadSelection selection, LeadCleanupOptions options,
        IProgress<LeadCleanupProgress>? progress = null, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        await validator.ValidateAndThrowAsync(new LeadCleanupRequest(selection, options), ct);
        var fields = options.Fields;
        var now = clock.GetUtcNow();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One transaction: all of it or nothing; each chunk's SaveChanges runs under EF's savepoint, so a chunk that
        // lost a race is rolled back alone and re-read.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = await (await SelectedAsync(db, actor, selection, ct)).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(ct);
        progress?.Report(new(0, ids.Count));

        var recorded = new List<Recorded>();
        var done = 0;
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            recorded.AddRange(await ApplyChunkAsync(db, chunk, fields, now, ct));
            done += chunk.Length;
            progress?.Report(new(done, ids.Count));
        }
        var perField = recorded.GroupBy(r => r.Field).ToDictionary(g => g.Key, g => g.Count());
        var leadCount = recorded.Select(r => r.LeadId).Distinct().Count();
        if (recorded.Count == 0) return new(null, 0, perField); // nothing to undo: no batch, no audit row

        var batch = new LeadCleanupBatch
        {
            Id = Guid.CreateVersion7(now), ActorId = actor.UserId, CreatedAt = now, LeadCount = leadCount,
            Changes = JsonSerializer.Serialize(recorded, Json),
        };
        db.LeadCleanupBatches.Add(batch);
        var campaigns = recorded.Select(r => r.CampaignId).Distinct().ToList();
        // One row for the batch (the batch itself keeps every before/after): 100,000 audit rows would drown the log.
        db.Audit(actor, now, "leads.cleaned", "lead-cleanup-batch", batch.Id, $"{leadCount} leads",
            after: new
            {
                helpers = options.Helpers.Order().Select(h => h.ToString()),
                leads = leadCount,
                changes = perField.ToDictionary(p => p.Key.ToString(), p => p.Value),
                campaigns,
            });
        db.Publish(new LeadsChanged(campaigns));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(batch.Id, leadCount, perField);
    }

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

    /// <summary>The selection inside the actor's scope: ticked ids, or the list's filters evaluated now.</summary>
    private static Task<IQueryable<Lead>> SelectedAsync(FacturixDb db, Actor actor, LeadSelection selection, CancellationToken ct) =>
        Bulk.LeadSelectionQuery.LeadsAsync(db, actor, selection, ct);

    /// <summary>
    /// Cleans one chunk and saves it. A lead saved by someone else between our read and our write makes the whole
    /// SaveChanges fail on its row version; EF rolls back to its savepoint, and the chunk is read and judged again.
    /// </summary>
    private static async Task<List<Recorded>> ApplyChunkAsync(
        FacturixDb db, Guid[] chunk, IReadOnlySet<LeadField> fields, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var leads = await db.Leads.Where(l => chunk.Contains(l.Id)).ToListAsync(ct);
            var recorded = new List<Recorded>();
            foreach (var lead in leads)
            {
                var (changes, _) = Evaluate(ValuesOf(lead), fields);
                if (changes.Count == 0) continue;
                foreach (var change in changes)
                {
                    Write(lead, change.Field, change.After);
                    recorded.Add(new(lead.Id, lead.CampaignId, change.Field, change.Before, change.After));
                }
                lead.UpdatedAt = now;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return recorded;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Someone saved one of these leads meanwhile: EF rolled back to its savepoint; read them again.
            }
            catch (DbUpdateConcurrencyException ex)
            {
                throw ConflictException.Concurrency("lead", ex.Entries.Select(e => ((Lead)e.Entity).Id).FirstOrDefault(), ex);
            }
        }
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

    /// <summary>The preview's changes limited to the chosen helpers' fields, and only values the columns can hold.</summary>
    internal static (IReadOnlyList<FieldChange> Changes, IReadOnlyList<FieldProblem> Problems) Evaluate(
        LeadContactValues values, IReadOnlySet<LeadField> fields)
    {
        var cleanup = LeadCleanupPreview.For(values);
        var changes = cleanup.Changes.Where(c => fields.Contains(c.Field) && Storable(c)).ToList();
        var problems = cleanup.Problems.Where(p => fields.Contains(p.Field)).ToList();
        return (changes, problems);
    }

    /// <summary>Company and country are required columns: a blank one stays as it is rather than becoming null.</summary>
    private static bool Storable(FieldChange change) =>
        change.After is not null || change.Field is not (LeadField.Company or LeadField.Country);

    private static LeadContactValues ValuesOf(Lead l) =>
        new(l.FirstName, l.LastName, l.Company, l.Email, l.Phone, l.Country.Trim());

    private static void Write(Lead lead, LeadField field, string? value)
    {
        switch (field)
        {
            case LeadField.FirstName: lead.FirstName = value; break;
            case LeadField.LastName: lead.LastName = value; break;
            case LeadField.Company: lead.Company = value ?? ""; break;
            case LeadField.Email: lead.Email = value; break;
            case LeadField.Phone: lead.Phone = value; Facturix.Domain.Workspace.LeadTimeZones.Refresh(lead); break;
            case LeadField.Country: lead.Country = value ?? ""; Facturix.Domain.Workspace.LeadTimeZones.Refresh(lead); break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }

    private static string Label(LeadContactValues v)
    {
        var name = string.Join(' ', new[] { v.FirstName, v.LastName }.Where(p => !string.IsNullOrWhiteSpace(p))).Trim();
        return name.Length > 0 ? $"{name} ({v.Company})" : v.Company ?? "";
    }

    private static void Increment(Dictionary<LeadField, int> counts, LeadField field) =>
        counts[field] = counts.GetValueOrDefault(field) + 1;
}
