using System.Text.Json;
using System.Text.Json.Serialization;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads.Cleanup;

/// <summary>
/// <see cref="ILeadCleanupService"/> over <see cref="LeadCleanupPreview"/> (docs/decisions/0031, 0040). Preview and
/// apply run the same evaluation on the values read at that moment, so what is applied is what a preview taken at
/// the same time would have shown, and a lead edited after the preview is judged on its new values.
/// </summary>
internal sealed partial class LeadCleanupService(
    IDbContextFactory<FacturixDb> dbFactory,
    TimeProvider clock,
    IValidator<LeadCleanupRequest> validator) : ILeadCleanupService
{
    /// <summary>Leads read and written per SaveChanges: bounded memory and statement size for a whole campaign.</summary>
    internal const int ChunkSize = 500;
    /// <summary>Re-reads of a chunk whose leads someone saved between our read and our write, before giving up.</summary>
    private const int MaxAttempts = 5;

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
