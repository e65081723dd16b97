using Facturix.Domain.Activities;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Board;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads;

/// <summary>
/// <see cref="ILeadBoard"/>: the board's columns are the campaign's statuses; leads are placed by
/// <see cref="LeadBoardPlacement"/> (docs/decisions/0039).
/// </summary>
internal sealed class LeadBoard(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : ILeadBoard
{
    public async Task<LeadBoardData> GetAsync(Actor actor, LeadListQuery query, int cardsPerColumn = LeadBoardData.DefaultCardsPerColumn, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        ArgumentNullException.ThrowIfNull(query);
        if (query.CampaignId is not { } campaignId)
            throw Refusals.Invalid(nameof(LeadListQuery.CampaignId), ErrorCodes.LeadBoardCampaignRequired);
        var take = Math.Clamp(cardsPerColumn, 0, LeadBoardData.MaxCardsPerColumn);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One snapshot for the counts and every column's cards: read one statement at a time, a move committed between
        // two columns' queries drew its card in both (or neither), with counts from before it. Read-only, so repeatable
        // read never fails with a serialization error.
        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);
        if (!await Scope.Campaigns(db, actor).AnyAsync(c => c.Id == campaignId, ct))
            throw new NotFoundException("campaign", campaignId);

        var statuses = await db.CampaignStatuses.AsNoTracking().Where(s => s.CampaignId == campaignId)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Label).ToListAsync(ct);
        if (statuses.Count == 0) return LeadBoardData.Empty(campaignId);
        var placement = statuses.Select(s => new BoardStatus(s.Id, s.Stage)).ToList();
        var statusIds = placement.Select(s => s.Id).ToList();

        var leads = LeadQueries.Filter(db, Scope.Leads(db, actor), query, await LeadSearchTerms.ResolveAsync(db, query.Search, ct));

        // Counts: one GROUP BY over (campaign status, stage), placed in memory by the shared rule.
        var groups = await leads.GroupBy(l => new { l.CampaignStatusId, l.Status })
            .Select(g => new { g.Key.CampaignStatusId, g.Key.Status, Count = g.LongCount() }).ToListAsync(ct);
        var counts = new Dictionary<Guid, long>();
        long unplaced = 0;
        foreach (var group in groups)
        {
            if (LeadBoardPlacement.ColumnOf(group.CampaignStatusId, group.Status, placement) is { } column)
                counts[column] = counts.GetValueOrDefault(column) + group.Count;
            else
                unplaced += group.Count;
        }

        var columns = new List<LeadBoardColumn>(statuses.Count);
        foreach (var status in statuses)
        {
            var count = counts.GetValueOrDefault(status.Id);
            IReadOnlyList<LeadBoardCard> cards = [];
            if (count > 0 && take > 0)
            {
                var id = status.Id;
                var stage = status.Stage;
                var inColumn = LeadBoardPlacement.CatchesStage(id, placement)
                    ? leads.Where(l => l.CampaignStatusId == id
                        || ((l.CampaignStatusId == null || !statusIds.Contains(l.CampaignStatusId.Value)) && l.Status == stage))
                    : leads.Where(l => l.CampaignStatusId == id);
                var statusId = id;
                cards = await inColumn
                    .OrderByDescending(l => l.Score).ThenBy(l => l.LastName).ThenBy(l => l.Id)
                    .Take(take)
                    .Select(l => new LeadBoardCard(l.Id, statusId, l.FirstName, l.LastName, l.Company, l.Score,
                        db.Users.Where(u => u.Id == l.OwnerId).Select(u => u.DisplayName).FirstOrDefault(), l.Version))
                    .AsNoTracking().ToListAsync(ct);
            }
            columns.Add(new LeadBoardColumn(status.Id, status.Key, status.Label, status.Stage, status.Color, count, cards));
        }
        return new LeadBoardData(campaignId, columns, unplaced);
    }

    public async Task<uint> MoveAsync(Actor actor, Guid leadId, Guid toStatusId, uint expectedVersion, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsEdit);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await Scope.Leads(db, actor).FirstOrDefaultAsync(l => l.Id == leadId, ct)
            ?? throw new NotFoundException("lead", leadId);
        // Only a status of the lead's own campaign: another campaign's status id is as unknown as a made-up one.
        var target = await db.CampaignStatuses.FirstOrDefaultAsync(s => s.Id == toStatusId && s.CampaignId == lead.CampaignId, ct)
            ?? throw new NotFoundException("status", toStatusId);

        // The card was drawn from this version: anything saved since (another move, an edit) wins, and the board
        // reloads rather than overwrite it.
        if (lead.Version != expectedVersion) throw ConflictException.Concurrency("lead", leadId);
        db.Entry(lead).Property(l => l.Version).OriginalValue = expectedVersion;
        if (lead.CampaignStatusId == target.Id) return lead.Version;

        var now = clock.GetUtcNow();
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(now),
            LeadId = lead.Id, AccountId = lead.AccountId, CampaignId = lead.CampaignId, UserId = actor.UserId,
            Kind = ActivityKind.Status, StatusFrom = lead.Status, StatusTo = target.Stage,
            // The campaign's own wording, so the timeline says "RDV pris" and not only the stage.
            Subject = target.Label,
            OccurredAt = now, CreatedAt = now,
        };
        lead.CampaignStatusId = target.Id;
        lead.Status = target.Stage;
        lead.UpdatedAt = now;
        lead.LastActivityAt = now;
        db.Activities.Add(activity);
        db.Publish(new LeadUpdated(lead.Id, lead.CampaignId));
        db.Publish(new ActivityLogged(activity.Id, activity.Kind, lead.Id, lead.CampaignId, actor.UserId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ConflictException.Concurrency("lead", leadId, ex);
        }
        return lead.Version;
    }
}
