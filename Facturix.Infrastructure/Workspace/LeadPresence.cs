using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Workspace;

/// <summary>
/// Who has a lead open, kept in <c>lead_presences</c> (one row per circuit and lead) so every app instance sees the
/// circuits of the others (docs/decisions/0050). A row counts while it was renewed within <see cref="LeadPresenceTimes.Ttl"/>; stale rows
/// (a circuit that died without leaving: an instance crash) are ignored at once and deleted by the next join on the
/// same lead or by the same person. <see cref="LeadPresenceChanged"/> is published, in the write's transaction, only
/// when the set of people viewing the lead changed: a renewal or a second tab of someone already there says nothing.
/// </summary>
internal sealed class LeadPresence(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : ILeadPresence
{
    private static TimeSpan Ttl => LeadPresenceTimes.Ttl;

    public async Task JoinAsync(Actor actor, Guid leadId, string circuitId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        CheckCircuit(circuitId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaignId = await Scope.Leads(db, actor).Where(l => l.Id == leadId).Select(l => (Guid?)l.CampaignId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("lead", leadId);
        var now = clock.GetUtcNow();
        var cutoff = now - Ttl;
        var userId = actor.UserId;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The cheap clean-up: stale rows of this lead and of this person, both index probes (lead_id, user_id).
        await db.LeadPresences.Where(p => (p.LeadId == leadId || p.UserId == userId) && p.SeenAt <= cutoff).ExecuteDeleteAsync(ct);
        var wasViewing = await db.LeadPresences.AnyAsync(p => p.LeadId == leadId && p.UserId == userId, ct);
        // An upsert: the first join inserts, the renewals move seen_at. The WHERE keeps a circuit id to its first user.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO lead_presences (circuit_id, lead_id, user_id, seen_at) VALUES ({circuitId}, {leadId}, {userId}, {now})
            ON CONFLICT (circuit_id, lead_id) DO UPDATE SET seen_at = EXCLUDED.seen_at WHERE lead_presences.user_id = EXCLUDED.user_id
            """, ct);
        if (!wasViewing)
            await db.PublishNowAsync(new LeadPresenceChanged(leadId, campaignId), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Deletes the actor's own row for this circuit and lead, and nothing else. No capability is demanded (decision 0050):
    /// leaving only removes what the actor itself wrote, and a person whose access went away meanwhile (deactivated,
    /// taken off the campaign) must still disappear from the others' screens at once rather than after the TTL.
    /// </summary>
    public async Task LeaveAsync(Actor actor, Guid leadId, string circuitId, CancellationToken ct = default)
    {
        CheckCircuit(circuitId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = actor.UserId;
        var cutoff = clock.GetUtcNow() - Ttl;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.LeadPresences
            .Where(p => p.CircuitId == circuitId && p.LeadId == leadId && p.UserId == userId)
            .Select(p => (DateTimeOffset?)p.SeenAt)
            .FirstOrDefaultAsync(ct);
        if (removed is not { } seenAt) return;
        await db.LeadPresences.Where(p => p.CircuitId == circuitId && p.LeadId == leadId).ExecuteDeleteAsync(ct);
        // The viewers changed only if this row counted and was the person's last one on the lead (another tab keeps them).
        var stillViewing = await db.LeadPresences.AnyAsync(p => p.LeadId == leadId && p.UserId == userId && p.SeenAt > cutoff, ct);
        if (seenAt > cutoff && !stillViewing
            && await db.Leads.Where(l => l.Id == leadId).Select(l => (Guid?)l.CampaignId).FirstOrDefaultAsync(ct) is { } campaignId)
            await db.PublishNowAsync(new LeadPresenceChanged(leadId, campaignId), ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<LeadViewer>> GetViewersAsync(Actor actor, Guid leadId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Scope.Leads(db, actor).AnyAsync(l => l.Id == leadId, ct))
            throw new NotFoundException("lead", leadId);
        var cutoff = clock.GetUtcNow() - Ttl;
        var viewers = await (
                from u in db.Users
                where u.DeactivatedAt == null
                    && db.LeadPresences.Any(p => p.LeadId == leadId && p.UserId == u.Id && p.SeenAt > cutoff)
                orderby u.DisplayName, u.Email
                select new LeadViewer(u.Id, u.Email ?? "", u.DisplayName))
            .AsNoTracking()
            .ToListAsync(ct);
        return viewers;
    }

    private static void CheckCircuit(string circuitId)
    {
        // The column is varchar(100); a blank id would merge every anonymous circuit into one row.
        if (string.IsNullOrWhiteSpace(circuitId) || circuitId.Length > 100)
            throw new ArgumentException("A circuit id is 1 to 100 characters.", nameof(circuitId));
    }
}
