using Facturix.Domain.Activities;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads;

internal sealed partial class LeadService
{
    public async Task<LeadDetails> GetAsync(Actor actor, Guid leadId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await FindAsync(db, actor, leadId, ct);

        var campaign = await db.Campaigns.Where(c => c.Id == lead.CampaignId).Select(c => new { c.Name }).SingleAsync(ct);
        var accountName = await db.Accounts.Where(a => a.Id == lead.AccountId).Select(a => a.Name).SingleAsync(ct);
        // The campaign's statuses in its order, as the board orders its columns: the status chip's choices, and the lead's own
        // label and colour among them (one read either way).
        var statuses = await db.CampaignStatuses.Where(s => s.CampaignId == lead.CampaignId)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Label)
            .Select(s => new { s.Id, s.Label, s.Stage, s.Color }).ToListAsync(ct);
        var status = statuses.FirstOrDefault(s => s.Id == lead.CampaignStatusId);
        var ownerName = lead.OwnerId is { } ownerId
            ? await db.Users.Where(u => u.Id == ownerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        var tasks = await LeadOpenTasks.Of(db, leadId).Take(50).ToListAsync(ct);

        // The same inputs the stored score is kept from (LeadScores), counted now from the activities.
        var now = clock.GetUtcNow();
        var score = LeadScoring.Compute(await LeadScores.InputsAsync(db, lead, now, ct));
        var holder = lead.IsLockedAt(now) && lead.LockExpiresAt is { } expiresAt
            ? await db.Users.Where(u => u.Id == lead.LockedById)
                .Select(u => new LeadLockHolder(u.Id, u.Email ?? "", u.DisplayName, expiresAt)).FirstOrDefaultAsync(ct)
            : null;

        return new LeadDetails(
            lead.Id, lead.FirstName, lead.LastName, lead.JobTitle, lead.Company, lead.Email, lead.Phone, lead.Country, lead.City,
            lead.Status, status?.Label, (status?.Stage ?? lead.Status).Category(), status?.Color,
            lead.OwnerId, ownerName, lead.CampaignId, campaign.Name, lead.AccountId, accountName,
            lead.LastContactedAt, lead.Version, tasks, score, lead.Website, lead.CompanyEmployees, holder)
        {
            CampaignStatusId = status?.Id,
            CampaignStatuses = statuses.Select(s => new LeadFilterStatus(s.Id, s.Label, s.Stage, s.Stage.Category())).ToList(),
        };
    }

    public async Task<TimelinePage> GetTimelineAsync(Actor actor, Guid leadId, TimelineQuery query, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _ = await FindAsync(db, actor, leadId, ct);

        var all = db.Activities.Where(a => a.LeadId == leadId);
        var items = all;
        if (query.Kinds is { Count: > 0 } kinds)
        {
            var wanted = kinds.ToList();
            items = items.Where(a => wanted.Contains(a.Kind));
        }
        if (query.Before is { } before)
        {
            // Keyset: strictly older than the previous page's last item; Id breaks ties of the same instant.
            items = items.Where(a => a.OccurredAt < before.OccurredAt
                || (a.OccurredAt == before.OccurredAt && a.Id.CompareTo(before.Id) < 0));
        }
        var take = query.Take;
        var rows = await (
                from a in items
                orderby a.OccurredAt descending, a.Id descending
                join u in db.Users on a.UserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                // A call recorded from the workspace keeps the pressed outcome's label as its subject (an Aircall call keeps
                // its number there): the campaign's words at the time, read only where an outcome was pressed.
                select new TimelineItem(a.Id, a.Kind, a.OccurredAt, u == null ? null : u.DisplayName, a.Subject, a.Body,
                    a.Outcome, a.DurationSeconds, a.Direction, a.StatusFrom, a.StatusTo, a.ExternalSource,
                    a.Kind == ActivityKind.Call && a.CampaignOutcomeId != null ? a.Subject : null))
            .Take(take + 1).ToListAsync(ct);

        // Jump targets (backlog 2.6.4): first contact = oldest call or outbound email; last reply = newest inbound email or call.
        var firstContactId = await all
            .Where(a => a.Kind == ActivityKind.Call || (a.Kind == ActivityKind.Email && a.Direction != CallDirection.Inbound))
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var lastReplyId = await all
            .Where(a => (a.Kind == ActivityKind.Email || a.Kind == ActivityKind.Call) && a.Direction == CallDirection.Inbound)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);

        return new TimelinePage(rows.Take(take).ToList(), rows.Count > take, firstContactId, lastReplyId);
    }
}
