using System.Linq.Expressions;
using Facturix.Domain.Activities;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Facturix.Infrastructure.Leads;

/// <summary>
/// The one place that keeps <see cref="Lead.Score"/> equal to <see cref="LeadScoring"/> of its inputs (backlog 2.3.4,
/// docs/decisions/0039). Every writer of an input calls it: a lead's job title, country or headcount
/// (<see cref="ApplyAsync"/> before its SaveChanges), a campaign's target countries and the daily decay job
/// (<see cref="RecomputeAsync"/>, set-based per chunk), and whoever logs a call outcome, a reply or a contact.
/// </summary>
internal static class LeadScores
{
    public const int DefaultChunkSize = 2_000;

    /// <summary>Call activities with a positive outcome (the rule's "positive outcomes").</summary>
    internal static readonly Expression<Func<Activity, bool>> IsPositiveCall = a => a.Kind == ActivityKind.Call
        && (a.Outcome == CallOutcome.Interested || a.Outcome == CallOutcome.MeetingBooked);

    /// <summary>Inbound emails (the rule's "replies").</summary>
    internal static readonly Expression<Func<Activity, bool>> IsReply = a => a.Kind == ActivityKind.Email
        && a.Direction == CallDirection.Inbound;

    /// <summary>
    /// The same two inputs as SQL over <c>activities a</c>, for the hand-written reads of the workspace's hot path;
    /// <c>LeadScoresSqlTests</c> checks they count what the expressions above count.
    /// </summary>
    internal static readonly string IsPositiveCallSql =
        $"a.kind = '{ActivityKind.Call}' AND a.outcome IN ('{CallOutcome.Interested}', '{CallOutcome.MeetingBooked}')";

    /// <inheritdoc cref="IsPositiveCallSql"/>
    internal static readonly string IsReplySql = $"a.kind = '{ActivityKind.Email}' AND a.direction = '{CallDirection.Inbound}'";

    private static readonly Func<Activity, bool> IsPositiveCallCheck = IsPositiveCall.Compile();

    /// <summary>Whether an activity not yet saved counts among the "positive outcomes" (<see cref="IsPositiveCall"/>).</summary>
    public static bool CountsAsPositive(Activity activity) => IsPositiveCallCheck(activity);

    /// <summary>The score's inputs for one lead as stored now (the lead page's breakdown reads the same).</summary>
    public static async Task<LeadScoreInputs> InputsAsync(FacturixDb db, Lead lead, DateTimeOffset now, CancellationToken ct)
    {
        var targets = await db.Campaigns.Where(c => c.Id == lead.CampaignId).Select(c => c.TargetCountries).SingleAsync(ct);
        var activities = db.Activities.Where(a => a.LeadId == lead.Id);
        var positive = await activities.Where(IsPositiveCall).CountAsync(ct);
        var replies = await activities.Where(IsReply).CountAsync(ct);
        return new LeadScoreInputs(lead.JobTitle, lead.CompanyEmployees, lead.Country, targets.ToHashSet(StringComparer.Ordinal),
            positive, replies, lead.LastContactedAt, now);
    }

    /// <summary>
    /// Sets the tracked <paramref name="lead"/>'s score from its current (possibly just edited) values, so the caller's
    /// SaveChanges writes the change and its score together. Activities the caller added but has not saved yet are not
    /// counted: add them first, or call <see cref="RecomputeAsync"/> for the lead after saving.
    /// </summary>
    public static async Task ApplyAsync(FacturixDb db, Lead lead, DateTimeOffset now, CancellationToken ct)
    {
        lead.Score = LeadScoring.Compute(await InputsAsync(db, lead, now, ct)).Total;
    }

    /// <summary>
    /// Recomputes the scores of the leads matching <paramref name="which"/>, <paramref name="chunkSize"/> at a time in
    /// id order, each chunk in its own short transaction: one read of the inputs, one UPDATE of the scores that changed
    /// (and only where the row is unchanged since the read, so a concurrent edit's own score wins), one
    /// <see cref="LeadsChanged"/> for the chunk's campaigns. Safe to interrupt and rerun. Must not run inside a
    /// transaction of the caller's. Returns how many scores changed.
    /// </summary>
    public static async Task<int> RecomputeAsync(FacturixDb db, Expression<Func<Lead, bool>> which, DateTimeOffset now,
        CancellationToken ct, int chunkSize = DefaultChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var changed = 0;
        Guid? after = null;
        while (true)
        {
            var chunk = db.Leads.AsNoTracking().Where(which);
            if (after is { } last) chunk = chunk.Where(l => l.Id.CompareTo(last) > 0);
            var rows = await chunk.OrderBy(l => l.Id).Take(chunkSize)
                .Select(l => new
                {
                    l.Id, l.CampaignId, l.JobTitle, l.CompanyEmployees, l.Country, l.LastContactedAt, l.Score, l.Version,
                })
                .ToListAsync(ct);
            if (rows.Count == 0) return changed;
            after = rows[^1].Id;

            var ids = rows.Select(r => r.Id).ToList();
            var campaignIds = rows.Select(r => r.CampaignId).Distinct().ToList();
            var targets = (await db.Campaigns.Where(c => campaignIds.Contains(c.Id)).Select(c => new { c.Id, c.TargetCountries }).ToListAsync(ct))
                .ToDictionary(c => c.Id, c => (IReadOnlySet<string>)c.TargetCountries.ToHashSet(StringComparer.Ordinal));
            var chunkActivities = db.Activities.Where(a => a.LeadId != null && ids.Contains(a.LeadId.Value));
            var positives = await chunkActivities.Where(IsPositiveCall).GroupBy(a => a.LeadId!.Value)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var replies = await chunkActivities.Where(IsReply).GroupBy(a => a.LeadId!.Value)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

            var updates = rows
                .Select(r => new
                {
                    r.Id, r.CampaignId, r.Version, r.Score,
                    New = LeadScoring.Compute(new LeadScoreInputs(r.JobTitle, r.CompanyEmployees, r.Country,
                        targets.GetValueOrDefault(r.CampaignId) ?? new HashSet<string>(), positives.GetValueOrDefault(r.Id),
                        replies.GetValueOrDefault(r.Id), r.LastContactedAt, now)).Total,
                })
                .Where(r => r.New != r.Score)
                .ToList();
            if (updates.Count == 0) continue;

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // One statement for the chunk; xmin guards against a lead edited (and rescored) since the read above.
            var written = await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE leads AS l SET score = v.score
                FROM unnest(@ids, @scores, @versions) AS v(id, score, version)
                WHERE l.id = v.id AND l.xmin::text::bigint = v.version AND l.score <> v.score
                """,
                [
                    new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = updates.Select(u => u.Id).ToArray() },
                    new NpgsqlParameter("scores", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = updates.Select(u => u.New).ToArray() },
                    new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = updates.Select(u => (long)u.Version).ToArray() },
                ],
                ct);
            if (written > 0)
                // A NOTIFY payload holds about 8,000 bytes: campaign ids go out a hundred per event.
                await db.PublishNowAsync(updates.Select(u => u.CampaignId).Distinct().Chunk(100)
                    .Select(ids => (LiveEvent)new LeadsChanged(ids)), ct);
            await tx.CommitAsync(ct);
            changed += written;
        }
    }
}
