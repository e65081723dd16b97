using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Campaigns;

/// <summary>The campaign reads: the scoped list, one campaign with its lead counts, the clients a campaign can be created for.</summary>
internal sealed partial class CampaignService
{
    private const int AccountChoiceLimit = 50;

    /// <summary>Names in a French reader's order, not the cluster's byte order ("Élan" before "Zèbre"; docs/decisions/0017).</summary>
    private const string ReaderOrder = "fr-x-icu";

    public async Task<PagedResult<CampaignRow>> ListAsync(Actor actor, CampaignQuery query, PageRequest page, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaigns = Scope.Campaigns(db, actor);
        if (query.State is { } state) campaigns = campaigns.Where(c => c.State == state);
        if (query.AccountId is { } accountId) campaigns = campaigns.Where(c => c.AccountId == accountId);

        var rows = campaigns.Join(db.Accounts, c => c.AccountId, a => a.Id, (c, a) => new RowData
        {
            Id = c.Id, Name = c.Name, AccountId = c.AccountId, AccountName = a.Name, State = c.State,
            StartsOn = c.StartsOn, EndsOn = c.EndsOn,
            Leads = db.Leads.Count(l => l.CampaignId == c.Id),
            HasScript = c.Script != null && c.Script != "",
        });
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = LikePattern.Containing(query.Search);
            rows = rows.Where(r => EF.Functions.ILike(r.Name, pattern, LikePattern.Escape) || EF.Functions.ILike(r.AccountName, pattern, LikePattern.Escape));
        }

        var total = await rows.CountAsync(ct);
        var desc = page.SortDescending;
        var ordered = page.SortBy switch
        {
            CampaignRow.SortKeys.Account => desc
                ? rows.OrderByDescending(r => EF.Functions.Collate(r.AccountName, ReaderOrder))
                : rows.OrderBy(r => EF.Functions.Collate(r.AccountName, ReaderOrder)),
            CampaignRow.SortKeys.State => desc ? rows.OrderByDescending(r => r.State) : rows.OrderBy(r => r.State),
            // Undated campaigns last whichever the direction (PostgreSQL puts nulls first when descending): the reader
            // sorting by a date looks for the ones starting or ending soonest, or latest, not for the undated.
            CampaignRow.SortKeys.StartsOn => desc
                ? rows.OrderBy(r => r.StartsOn == null).ThenByDescending(r => r.StartsOn)
                : rows.OrderBy(r => r.StartsOn == null).ThenBy(r => r.StartsOn),
            CampaignRow.SortKeys.EndsOn => desc
                ? rows.OrderBy(r => r.EndsOn == null).ThenByDescending(r => r.EndsOn)
                : rows.OrderBy(r => r.EndsOn == null).ThenBy(r => r.EndsOn),
            CampaignRow.SortKeys.Leads => desc ? rows.OrderByDescending(r => r.Leads) : rows.OrderBy(r => r.Leads),
            _ => desc
                ? rows.OrderByDescending(r => EF.Functions.Collate(r.Name, ReaderOrder))
                : rows.OrderBy(r => EF.Functions.Collate(r.Name, ReaderOrder)),
        };
        // The id breaks ties, so paging through equal names neither repeats nor skips a row.
        var list = await ordered.ThenBy(r => r.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return new PagedResult<CampaignRow>(
            list.Select(r => new CampaignRow(r.Id, r.Name, r.AccountId, r.AccountName, r.State, r.StartsOn, r.EndsOn, r.Leads, r.HasScript)).ToList(),
            total);
    }

    public async Task<CampaignDetails> GetAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await Scope.Campaigns(db, actor).AsNoTracking()
            .Where(c => c.Id == campaignId)
            .Join(db.Accounts, c => c.AccountId, a => a.Id, (c, a) => new { Campaign = c, AccountName = a.Name })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("campaign", campaignId);
        var byStatus = await db.Leads.Where(l => l.CampaignId == campaignId)
            .GroupBy(l => l.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var byCategory = Enum.GetValues<StatusCategory>().ToDictionary(c => c, _ => 0);
        foreach (var group in byStatus)
            byCategory[group.Status.Category()] += group.Count;

        // The archive's confirmation warns that archiving stops them (docs/decisions/0086).
        var importsInProgress = await db.Imports.CountAsync(i => i.CampaignId == campaignId
            && (i.State == ImportState.Queued || i.State == ImportState.Running), ct);

        var c = found.Campaign;
        return new CampaignDetails(
            c.Id, c.AccountId, found.AccountName, c.Name, c.Description, c.Objective, c.TargetCount, c.State, c.StartsOn, c.EndsOn,
            c.CallingHoursStart, c.CallingHoursEnd, c.TimeZone, c.LockLeaseMinutes, c.MaxCallAttempts, c.RetryDelayMinutes,
            c.Version, byCategory, actor.Can(Capability.CampaignsConfigure), c.TargetCountries, importsInProgress);
    }

    public async Task<IReadOnlyList<AccountChoice>> ListAccountChoicesAsync(Actor actor, string? search, CancellationToken ct = default)
    {
        actor.Demand(Capability.CampaignsConfigure);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = Scope.Accounts(db, actor).Where(a => a.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search);
            accounts = accounts.Where(a => EF.Functions.ILike(a.Name, pattern, LikePattern.Escape));
        }
        return await accounts.OrderBy(a => a.Name).ThenBy(a => a.Id).Take(AccountChoiceLimit)
            .Select(a => new AccountChoice(a.Id, a.Name))
            .ToListAsync(ct);
    }


    /// <summary>The list's projection: a named type so the tie-breaking sort can name its id.</summary>
    private sealed class RowData
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public CampaignState State { get; init; }
        public DateOnly? StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
        public int Leads { get; init; }
        public bool HasScript { get; init; }
    }
}
