using System.Linq.Expressions;
using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.Leads;

/// <summary>The leads list's reads (<see cref="ILeadQueries"/>): <see cref="Capability.LeadsRead"/>, through <see cref="Scope.Leads"/>.</summary>
internal sealed partial class LeadQueries(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock, IOptions<LeadListOptions> options) : ILeadQueries
{
    /// <summary>Tag on the list's page query (benchmarks and EXPLAIN find it by it).</summary>
    public const string ListQueryTag = "leads.list";

    /// <summary>French reading order for names (the cluster's locale is C; docs/decisions/0017).</summary>
    private const string ReaderOrder = "fr-x-icu";

    public async Task<LeadPage> ListAsync(Actor actor, LeadListQuery query, PageRequest page, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unsearched = Filter(db, Scope.Leads(db, actor), query, LeadSearchTerms.None);
        var terms = await LeadSearchTerms.ResolveAsync(db, query.Search, ct);
        var leads = Search(unsearched, terms);
        // The same filters over the scope's campaigns as values, for the planner's estimate only (EstimateAsync).
        async Task<IQueryable<Lead>> Estimable() => Search(Filter(db, await ScopeByValueAsync(db, actor, ct), query, LeadSearchTerms.None), terms);
        var now = clock.GetUtcNow();
        // The cross-client flag is for managers (docs/decisions/0041): a BD's rows never carry it.
        var showConflicts = actor.Can(Capability.LeadsBulk);

        // A search in its default order ranks and counts its matches in one pass when they are few (the usual case).
        if (IsRankedSearch(query, page))
            return await SearchPageAsync(db, leads, unsearched, Estimable, query, page, now, showConflicts, ct);

        // The page first: it costs the same whatever the total, and the total below is bounded (never a full scan).
        var rows = await Project(db, Sort(db, leads, query, page).Skip(page.Skip).Take(page.Take).TagWith(ListQueryTag), now, showConflicts)
            .ToListAsync(ct);
        rows = rows.Select(r => r with { Country = r.Country.Trim() }).ToList();

        if (page.Skip == 0 && rows.Count < page.Take)
            return new LeadPage(rows, rows.Count, false);

        // The planner's estimate first (nothing read): far past the limit, counting up to the limit would only confirm
        // it at the cost of a second pass over the matches (a search's candidates above all; docs/decisions/0043).
        var limit = Math.Max(1, options.Value.ExactCountLimit);
        var estimate = await EstimateAsync(db, await Estimable(), ct);
        if (estimate > (long)limit * EstimateTrustFactor)
            return new LeadPage(rows, estimate, true);
        var capped = await leads.Select(l => l.Id).Take(limit + 1).CountAsync(ct);
        if (capped <= limit)
            return new LeadPage(rows, capped, false);
        return new LeadPage(rows, Math.Max(limit + 1, estimate), true);
    }

    /// <summary>The list's row for each lead of <paramref name="leads"/> (names of the campaign, account, status, owner, locker).</summary>
    private static IQueryable<LeadRow> Project(FacturixDb db, IQueryable<Lead> leads, DateTimeOffset now, bool showConflicts) =>
        leads.Select(l => new LeadRow(
                l.Id, l.CampaignId,
                db.Campaigns.Where(c => c.Id == l.CampaignId).Select(c => c.Name).First(),
                db.Accounts.Where(a => a.Id == l.AccountId).Select(a => a.Name).First(),
                l.FirstName, l.LastName, l.Company, l.Email, l.Phone, l.Country, l.Status,
                db.CampaignStatuses.Where(s => s.Id == l.CampaignStatusId).Select(s => s.Label).FirstOrDefault(),
                l.Score,
                db.Users.Where(u => u.Id == l.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                l.CreatedAt, l.LastActivityAt,
                l.LockedById != null && l.LockExpiresAt > now
                    ? db.Users.Where(u => u.Id == l.LockedById).Select(u => u.Email).FirstOrDefault()
                    : null) { HasCrossClientConflict = showConflicts && db.LeadCrossClientConflicts.Any(c => c.LeadId == l.Id) })
            .AsNoTracking();

    /// <summary>
    /// How far past the exact-count limit an estimate must be to be shown without counting: planner estimates of
    /// selective filters are often off by a factor of two or three, rarely by ten.
    /// </summary>
    private const int EstimateTrustFactor = 5;

    /// <summary>
    /// The planner's row estimate for the filtered set (EXPLAIN without ANALYZE: nothing is read). Cheap and, on a
    /// freshly analysed table, close; the page marks it as an estimate. Given <see cref="ScopeByValueAsync"/>'s leads.
    /// </summary>
    private static async Task<long> EstimateAsync(FacturixDb db, IQueryable<Lead> leads, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = leads.Select(l => l.Id).CreateDbCommand();
        command.CommandText = "EXPLAIN (FORMAT JSON) " + command.CommandText;
        var json = (string?)await command.ExecuteScalarAsync(ct);
        if (json is null) return 0;
        using var plan = JsonDocument.Parse(json);
        return (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    /// <summary>
    /// <see cref="Scope.Leads"/> with the actor's campaigns read first and given as values. As a subquery, the planner can
    /// only guess the share of leads the scope keeps: it estimated 15,000 of the demo's 20,000 leads for a manager who
    /// has 13,000, and the list said "≈ 15 000" beside a dashboard saying "13 000". As values, each campaign's count comes
    /// from the column's statistics. An actor with agency scope has no condition to read.
    /// </summary>
    private static async Task<IQueryable<Lead>> ScopeByValueAsync(FacturixDb db, Actor actor, CancellationToken ct)
    {
        if (actor.HasAgencyScope || !actor.IsActive) return Scope.Leads(db, actor);
        var campaignIds = await Scope.Campaigns(db, actor).Select(c => c.Id).ToArrayAsync(ct);
        return db.Leads.Where(l => campaignIds.Contains(l.CampaignId));
    }

    public async Task<LeadFilterOptions> GetFilterOptionsAsync(Actor actor, Guid? campaignId, Guid? importId = null, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaigns = Scope.Campaigns(db, actor);
        var campaignList = await campaigns.OrderBy(c => EF.Functions.Collate(c.Name, ReaderOrder))
            .Select(c => new LeadFilterCampaign(c.Id, c.Name, c.AccountId)).ToListAsync(ct);
        var accounts = await Scope.Accounts(db, actor).Where(a => a.ArchivedAt == null)
            .OrderBy(a => EF.Functions.Collate(a.Name, ReaderOrder))
            .Select(a => new LeadFilterAccount(a.Id, a.Name)).ToListAsync(ct);
        // Owners among the staff the actor sees: the filter reveals nobody else.
        var owners = await Scope.Users(db, actor).Where(u => u.DeactivatedAt == null)
            .OrderBy(u => u.DisplayName)
            .Select(u => new LeadFilterOwner(u.Id, u.Email!, u.DisplayName)).ToListAsync(ct);
        var statuses = campaignId is { } id && campaignList.Any(c => c.Id == id)
            ? (await db.CampaignStatuses.Where(s => s.CampaignId == id).OrderBy(s => s.SortOrder).ThenBy(s => s.Label)
                .Select(s => new { s.Id, s.Label, s.Stage }).ToListAsync(ct))
                .Select(s => new LeadFilterStatus(s.Id, s.Label, s.Stage, s.Stage.Category())).ToList()
            : [];
        var countries = (await Scope.Leads(db, actor).Select(l => l.Country).Distinct().ToListAsync(ct))
            .Select(c => c.Trim()).Order(StringComparer.Ordinal).ToList();
        // Named only when its campaign is in scope: another team's import stays unknown, and its filter lists nothing anyway.
        var import = importId is { } importKey
            ? await db.Imports.Where(i => i.Id == importKey && campaigns.Any(c => c.Id == i.CampaignId))
                .Select(i => new LeadFilterImport(i.Id, i.FileName, i.CreatedAt)).FirstOrDefaultAsync(ct)
            : null;
        return new LeadFilterOptions(campaignList, accounts, owners, statuses, countries) { Import = import };
    }

    /// <summary>
    /// The list's filters over <paramref name="leads"/> (already scoped), shared with the board (ILeadBoard) so both show the
    /// same leads, and how an "all matching" selection of bulk actions, exports and clean-ups is re-evaluated.
    /// </summary>
    internal static IQueryable<Lead> Filter(FacturixDb db, IQueryable<Lead> leads, LeadListQuery query, LeadSearchTerms terms)
    {
        if (query.CampaignId is { } campaignId) leads = leads.Where(l => l.CampaignId == campaignId);
        if (query.AccountId is { } accountId) leads = leads.Where(l => l.AccountId == accountId);
        if (query.CampaignStatusId is { } statusId) leads = leads.Where(l => l.CampaignStatusId == statusId);
        if (query.Category is { } category)
        {
            // Categories group the global stages; the column holds the stage, so the filter is an IN over the category's stages.
            var stages = Enum.GetValues<LeadStatus>().Where(s => s.Category() == category).ToList();
            leads = leads.Where(l => stages.Contains(l.Status));
        }
        if (query.OwnerId is { } ownerId) leads = leads.Where(l => l.OwnerId == ownerId);
        if (query.ScoreMin is { } min) leads = leads.Where(l => l.Score >= min);
        if (query.ScoreMax is { } max) leads = leads.Where(l => l.Score <= max);
        if (!string.IsNullOrWhiteSpace(query.Country))
        {
            var country = query.Country.Trim().ToUpperInvariant();
            leads = leads.Where(l => l.Country == country);
        }
        // Instants arrive with the person's offset (Paris days from the filter panel, saved views); Npgsql writes only UTC ones.
        if (query.CreatedFrom?.ToUniversalTime() is { } createdFrom) leads = leads.Where(l => l.CreatedAt >= createdFrom);
        if (query.CreatedTo?.ToUniversalTime() is { } createdTo) leads = leads.Where(l => l.CreatedAt <= createdTo);
        if (query.LastActivityFrom?.ToUniversalTime() is { } activityFrom) leads = leads.Where(l => l.LastActivityAt >= activityFrom);
        if (query.LastActivityTo?.ToUniversalTime() is { } activityTo) leads = leads.Where(l => l.LastActivityAt <= activityTo);
        if (query.HasEmail is { } hasEmail)
            leads = hasEmail ? leads.Where(l => l.Email != null && l.Email != "") : leads.Where(l => l.Email == null || l.Email == "");
        if (query.HasPhone is { } hasPhone)
            leads = hasPhone ? leads.Where(l => l.Phone != null && l.Phone != "") : leads.Where(l => l.Phone == null || l.Phone == "");
        // Duplicate flag: a member of an open (not dismissed) group (docs/decisions/0041).
        if (query.IsDuplicate is { } isDuplicate)
            leads = leads.Where(l => db.LeadDuplicateMembers.Any(m => m.LeadId == l.Id
                && db.LeadDuplicateGroups.Any(g => g.Id == m.GroupId && g.DismissedAt == null)) == isDuplicate);
        // An import's leads: the ones it created (leads.import_id, indexed) and the ones it updated (its undo log). One IN over
        // both id lists, not an OR: PostgreSQL makes the IN a semi-join driven by the import's few ids, where the OR filtered
        // every lead of the campaign.
        if (query.ImportId is { } importId)
            leads = leads.Where(l => db.Leads.Where(x => x.ImportId == importId).Select(x => x.Id)
                .Concat(db.ImportLeadUpdates.Where(u => u.ImportId == importId).Select(u => u.LeadId))
                .Contains(l.Id));
        return Search(leads, terms);
    }

    /// <summary>
    /// Every word must be found (AND): as typed, or as a known word a typo away (LeadSearchTerms, docs/decisions/0054).
    /// All served by the trigram index on leads.search_text; only the words are folded, once per query, never a row.
    /// </summary>
    private static IQueryable<Lead> Search(IQueryable<Lead> leads, LeadSearchTerms terms)
    {
        foreach (var term in terms.Words)
            leads = leads.Where(LeadSearchTerms.Matching(term));
        return leads;
    }


    /// <summary>
    /// A lead's stage as its place in the pipeline (New first, Do not contact last), for the status column: the column
    /// holds the stage's English name, and sorting by it put "Contacted" before "New" and "Converted" before "Interested".
    /// A CASE over the stages, built once from the enum's order.
    /// </summary>
    private static readonly Expression<Func<Lead, int>> PipelineOrder = BuildPipelineOrder();

    private static Expression<Func<Lead, int>> BuildPipelineOrder()
    {
        var lead = Expression.Parameter(typeof(Lead), "l");
        var stage = Expression.Property(lead, nameof(Lead.Status));
        var stages = Enum.GetValues<LeadStatus>();
        Expression order = Expression.Constant(stages.Length);
        foreach (var value in stages.Reverse())
            order = Expression.Condition(Expression.Equal(stage, Expression.Constant(value)), Expression.Constant((int)value), order);
        return Expression.Lambda<Func<Lead, int>>(order, lead);
    }

    /// <summary>
    /// The requested column, then the id, so pages never overlap or skip a row. Searching without a column: as typed first,
    /// then newest. Shared with the export (LeadExport), so the file's rows come in the order the list showed them.
    /// </summary>
    internal static IQueryable<Lead> Sort(FacturixDb db, IQueryable<Lead> leads, LeadListQuery query, PageRequest page)
    {
        var d = page.SortDescending;
        IOrderedQueryable<Lead> sorted = page.SortBy switch
        {
            LeadListQuery.Sort.Name => d
                ? leads.OrderByDescending(l => EF.Functions.Collate(l.LastName, ReaderOrder)).ThenByDescending(l => EF.Functions.Collate(l.FirstName, ReaderOrder))
                : leads.OrderBy(l => EF.Functions.Collate(l.LastName, ReaderOrder)).ThenBy(l => EF.Functions.Collate(l.FirstName, ReaderOrder)),
            LeadListQuery.Sort.Company => d
                ? leads.OrderByDescending(l => EF.Functions.Collate(l.Company, ReaderOrder))
                : leads.OrderBy(l => EF.Functions.Collate(l.Company, ReaderOrder)),
            LeadListQuery.Sort.Status => d ? leads.OrderByDescending(PipelineOrder) : leads.OrderBy(PipelineOrder),
            LeadListQuery.Sort.Score => d ? leads.OrderByDescending(l => l.Score) : leads.OrderBy(l => l.Score),
            LeadListQuery.Sort.Country => d ? leads.OrderByDescending(l => l.Country) : leads.OrderBy(l => l.Country),
            LeadListQuery.Sort.Campaign => d
                ? leads.OrderByDescending(l => db.Campaigns.Where(c => c.Id == l.CampaignId).Select(c => EF.Functions.Collate(c.Name, ReaderOrder)).First())
                : leads.OrderBy(l => db.Campaigns.Where(c => c.Id == l.CampaignId).Select(c => EF.Functions.Collate(c.Name, ReaderOrder)).First()),
            LeadListQuery.Sort.CreatedAt => d ? leads.OrderByDescending(l => l.CreatedAt) : leads.OrderBy(l => l.CreatedAt),
            // Never-touched leads last whichever the direction.
            LeadListQuery.Sort.LastActivityAt => d
                ? leads.OrderBy(l => l.LastActivityAt == null).ThenByDescending(l => l.LastActivityAt)
                : leads.OrderBy(l => l.LastActivityAt == null).ThenBy(l => l.LastActivityAt),
            // As typed before a typo away, then newest first: a similarity rank would compute pg_trgm's word_similarity for
            // every match, which cost more than the search itself (docs/decisions/0052).
            _ when !string.IsNullOrWhiteSpace(query.Search) => leads.OrderByDescending(AsTyped(query.Search)).ThenByDescending(l => l.CreatedAt),
            _ => leads.OrderByDescending(l => l.CreatedAt),
        };
        return sorted.ThenBy(l => l.Id);
    }
}
