using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Facturix.Domain.Audit;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Audit;

/// <summary>
/// Reads the audit trail; never changes it (there is no update or delete here, and the table's trigger
/// <c>audit_events_append_only</c> refuses both anyway). Visibility: agency-wide scope sees every event; anyone else
/// with <see cref="Capability.AuditRead"/> sees the events whose actor is in <see cref="Scope.Users"/> (decision 0026) and
/// whose lead, campaign or account target is in their scope (decision 0073).
/// </summary>
internal sealed class AuditLog(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : IAuditLog
{
    public async Task<PagedResult<AuditEntry>> SearchAsync(Actor actor, AuditQuery query, PageRequest page, CancellationToken ct = default)
    {
        actor.Demand(Capability.AuditRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = Filter(db, actor, query);
        var total = await events.CountAsync(ct);
        var rows = await Project(db, Newest(events)).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return new PagedResult<AuditEntry>(rows.Select(ToEntry).ToList(), total);
    }

    public async Task<IReadOnlyList<string>> ListActionsAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.AuditRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, actor).Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    public async Task<int> ExportCsvAsync(Actor actor, AuditQuery query, Stream output, AuditExportLabels? labels = null,
        CancellationToken ct = default)
    {
        actor.Demand(Capability.AuditRead);
        labels ??= AuditExportLabels.Codes;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Audited before a single row leaves, so even an interrupted download is on record. The export shows what
        // existed when it was asked for: its own event (and anything later) is left out.
        var matching = await Filter(db, actor, query).Take(AuditLimits.MaxExportRows).CountAsync(ct);
        var exported = db.Audit(actor, clock.GetUtcNow(), "audit.exported", "audit", null, null,
            after: new { filter = query, rows = matching });
        await db.SaveChangesAsync(ct);
        var lastId = exported.Id;

        var events = Newest(Filter(db, actor, query).Where(e => e.Id < lastId)).Take(AuditLimits.MaxExportRows);
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, FormatProvider = CultureInfo.InvariantCulture };
        var written = 0;
        await using (var csv = CsvWriter.Create(output, options, leaveOpen: true))
        {
            await csv.WriteRecordAsync(
            [
                "occurred_at_utc", "actor_email", "actor_name", "action", "entity_type", "entity_id", "target", "before", "after", "details",
                "client_ip",
                // The reader's words for the codes; last, so the columns before keep the places scripts read them at.
                "action_label", "entity_type_label",
            ], ct);
            await foreach (var row in Project(db, events).AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
            {
                var entry = ToEntry(row);
                await csv.WriteRecordAsync(
                [
                    entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    CsvCells.Neutralise(entry.ActorEmail), CsvCells.Neutralise(entry.ActorName), CsvCells.Neutralise(entry.Action),
                    CsvCells.Neutralise(entry.EntityType), entry.EntityId?.ToString(), CsvCells.Neutralise(entry.TargetLabel),
                    CsvCells.Neutralise(entry.Before), CsvCells.Neutralise(entry.After), CsvCells.Neutralise(entry.Details),
                    CsvCells.Neutralise(entry.ClientIp),
                    CsvCells.Neutralise(labels.Action(entry.Action)), CsvCells.Neutralise(labels.EntityType(entry.EntityType)),
                ], ct);
                written++;
            }
        }
        await output.FlushAsync(ct);
        return written;
    }

    /// <summary>
    /// The events <paramref name="actor"/> may read: all with agency scope, else those of the people in their scope
    /// (decision 0026) whose target, when it is a lead, campaign or account, is in the reader's scope too (decision
    /// 0073), and so is the lead, campaign or client behind an import, an attached call or a goal (decision 0075). A team member also works on campaigns of other managers, and an event's label and before/after carry
    /// that lead's or client's data (names, emails, phones): the actor alone must not open them. The reader's own
    /// events stay visible whatever became of their target (an account they deleted): they did it and saw it.
    /// </summary>
    private static IQueryable<AuditEvent> Visible(FacturixDb db, Actor actor)
    {
        if (!actor.IsActive) return db.AuditEvents.Where(_ => false);
        if (actor.HasAgencyScope) return db.AuditEvents;
        var readerId = actor.UserId;
        var people = Scope.Users(db, actor).Select(u => u.Id);
        var leads = Scope.Leads(db, actor).Select(l => l.Id);
        var campaigns = Scope.Campaigns(db, actor).Select(c => c.Id);
        var accounts = Scope.Accounts(db, actor).Select(a => a.Id);
        // Targets that belong to a lead, a campaign or a client (decision 0075): an import to its campaign, an attached
        // call to its lead, a goal to its BD, campaign or client.
        var imports = db.Imports.Where(i => campaigns.Contains(i.CampaignId)).Select(i => i.Id);
        var calls = db.Activities.Where(a => a.LeadId != null && leads.Contains(a.LeadId.Value)).Select(a => a.Id);
        var goals = db.Goals.Where(g => (g.SubjectKind == GoalSubject.User && people.Contains(g.SubjectId))
            || (g.SubjectKind == GoalSubject.Campaign && campaigns.Contains(g.SubjectId))
            || (g.SubjectKind == GoalSubject.Account && accounts.Contains(g.SubjectId))).Select(g => g.Id);
        return db.AuditEvents.Where(e => e.ActorId != null && people.Contains(e.ActorId.Value)
            && (e.ActorId == readerId
                || e.EntityId == null
                || (e.EntityType != "lead" && e.EntityType != "campaign" && e.EntityType != "account"
                    && e.EntityType != "import" && e.EntityType != "activity" && e.EntityType != "goal")
                || (e.EntityType == "lead" && leads.Contains(e.EntityId.Value))
                || (e.EntityType == "campaign" && campaigns.Contains(e.EntityId.Value))
                || (e.EntityType == "account" && accounts.Contains(e.EntityId.Value))
                || (e.EntityType == "import" && imports.Contains(e.EntityId.Value))
                || (e.EntityType == "activity" && calls.Contains(e.EntityId.Value))
                || (e.EntityType == "goal" && goals.Contains(e.EntityId.Value))));
    }

    private static IQueryable<AuditEvent> Filter(FacturixDb db, Actor actor, AuditQuery query)
    {
        var events = Visible(db, actor);
        if (!string.IsNullOrWhiteSpace(query.ActorEmail))
        {
            var term = query.ActorEmail.Trim();
            var normalized = term.ToUpperInvariant();
            var people = db.Users.Where(u => u.NormalizedEmail!.Contains(normalized)).Select(u => u.Id);
            // Sign-in attempts have no actor: the account they aimed at (entity id), or for an unknown account the
            // email as typed, stored in the details (exact match there: it is JSON).
            var typed = JsonSerializer.Serialize(new { email = term });
            events = events.Where(e =>
                (e.ActorId != null && people.Contains(e.ActorId.Value))
                || (e.ActorId == null && e.EntityType == "user"
                    && ((e.EntityId != null && people.Contains(e.EntityId.Value)) || EF.Functions.JsonContains(e.Details!, typed))));
        }
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            events = events.Where(e => e.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            var target = query.Target.Trim();
            var pattern = LikePattern.Containing(target);
            if (Guid.TryParse(target, out var id))
                events = events.Where(e => e.EntityId == id);
            else
                events = events.Where(e => e.EntityType == target || EF.Functions.ILike(e.TargetLabel!, pattern, LikePattern.Escape));
        }
        if (query.From is { } from)
            events = events.Where(e => e.OccurredAt >= from.ToUniversalTime());
        if (query.To is { } to)
            events = events.Where(e => e.OccurredAt < to.ToUniversalTime());
        return events;
    }

    private static IQueryable<AuditEvent> Newest(IQueryable<AuditEvent> events) =>
        events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id);

    private sealed record Row(
        long Id, DateTimeOffset OccurredAt, string? ActorEmail, string? ActorName, string Action, string EntityType,
        Guid? EntityId, string? TargetLabel, string? Details, string? ClientIp);

    private static IQueryable<Row> Project(FacturixDb db, IQueryable<AuditEvent> events) =>
        events.Select(e => new Row(
            e.Id, e.OccurredAt,
            db.Users.Where(u => u.Id == e.ActorId).Select(u => u.Email).FirstOrDefault(),
            db.Users.Where(u => u.Id == e.ActorId).Select(u => u.DisplayName).FirstOrDefault(),
            e.Action, e.EntityType, e.EntityId, e.TargetLabel, e.Details, e.ClientIp));

    /// <summary>
    /// Splits the stored details into before/after (the <c>AuditTrail</c> shape); other shapes (sign-in attempts:
    /// email typed, IP, user agent) stay whole in <see cref="AuditEntry.Details"/>, and their email stands for the
    /// missing actor.
    /// </summary>
    private static AuditEntry ToEntry(Row row)
    {
        string? before = null, after = null, details = row.Details, actorEmail = row.ActorEmail;
        if (row.Details is { Length: > 0 })
        {
            try
            {
                using var json = JsonDocument.Parse(row.Details);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    var root = json.RootElement;
                    var hasBefore = root.TryGetProperty("before", out var b);
                    var hasAfter = root.TryGetProperty("after", out var a);
                    if (hasBefore || hasAfter)
                    {
                        before = hasBefore && b.ValueKind != JsonValueKind.Null ? b.GetRawText() : null;
                        after = hasAfter && a.ValueKind != JsonValueKind.Null ? a.GetRawText() : null;
                        details = null;
                    }
                    if (actorEmail is null && root.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String)
                        actorEmail = email.GetString();
                }
            }
            catch (JsonException)
            {
                // Stored as jsonb, so always JSON; kept whole if not.
            }
        }
        return new AuditEntry(row.Id, row.OccurredAt, actorEmail, row.ActorName, row.Action, row.EntityType, row.EntityId,
            row.TargetLabel, before, after, details, row.ClientIp);
    }
}
