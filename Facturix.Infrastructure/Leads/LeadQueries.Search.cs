using System.Linq.Expressions;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads;

/// <summary>The quick search's page in its default order: as typed first, then newest (docs/decisions/0052, 0070).</summary>
internal sealed partial class LeadQueries
{
    /// <summary>A search sorted by no known column (<see cref="Sort"/> falls back to its default order for any other name).</summary>
    private static bool IsRankedSearch(LeadListQuery query, PageRequest page) =>
        !string.IsNullOrWhiteSpace(query.Search) && page.SortBy is not (LeadListQuery.Sort.Name or LeadListQuery.Sort.Company
            or LeadListQuery.Sort.Campaign or LeadListQuery.Sort.Status or LeadListQuery.Sort.Score or LeadListQuery.Sort.Country
            or LeadListQuery.Sort.CreatedAt or LeadListQuery.Sort.LastActivityAt);

    /// <summary>The sort keys of one search match: leads holding every word as typed rank before those a typo away, then newest first.</summary>
    private sealed record SearchKey(Guid Id, DateTimeOffset CreatedAt, bool AsTyped);

    /// <summary>
    /// A search's page in its default order. The matches' sort keys are read in one pass, capped at the exact-count limit
    /// (docs/decisions/0052): when they are fewer, they are ranked here, only the page's rows are read, by id, and the
    /// total is exact. Past the limit the total is the planner's estimate, and the page comes from
    /// <see cref="ManyMatchesPageAsync"/>.
    /// </summary>
    private async Task<LeadPage> SearchPageAsync(FacturixDb db, IQueryable<Lead> leads, IQueryable<Lead> unsearched,
        Func<Task<IQueryable<Lead>>> estimable, LeadListQuery query, PageRequest page, DateTimeOffset now, bool showConflicts, CancellationToken ct)
    {
        var limit = Math.Max(1, options.Value.ExactCountLimit);
        var asTyped = AsTyped(query.Search);
        var keySelector = Expression.Lambda<Func<Lead, SearchKey>>(
            Expression.New(typeof(SearchKey).GetConstructors().Single(),
                Expression.Property(asTyped.Parameters[0], nameof(Lead.Id)),
                Expression.Property(asTyped.Parameters[0], nameof(Lead.CreatedAt)),
                asTyped.Body),
            asTyped.Parameters);
        var keys = await leads.Select(keySelector).Take(limit + 1).TagWith(ListQueryTag).ToListAsync(ct);
        if (keys.Count > limit)
            return await ManyMatchesPageAsync(db, leads, unsearched, estimable, query, page, limit, keys.Count(k => k.AsTyped), now, showConflicts, ct);

        // Same order as Sort's default for a search; ids compare as PostgreSQL compares uuids (their text, byte by byte).
        var pageIds = keys.OrderByDescending(k => k.AsTyped).ThenByDescending(k => k.CreatedAt)
            .ThenBy(k => k.Id.ToString(), StringComparer.Ordinal)
            .Skip(page.Skip).Take(page.Take).Select(k => k.Id).ToList();
        var rows = await Project(db, db.Leads.Where(l => pageIds.Contains(l.Id)), now, showConflicts).ToListAsync(ct);
        var position = pageIds.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        var ordered = rows.OrderBy(r => position[r.Id]).Select(r => r with { Country = r.Country.Trim() }).ToList();
        return new LeadPage(ordered, keys.Count, false);
    }

    /// <summary>
    /// A page of a search with more matches than the exact-count limit: a common word, such as a first name (decision 0070).
    /// The default order puts the leads holding the words as typed first, newest first. So when the capped pass saw many of
    /// them, the page is found by walking the leads newest first (<c>ix_leads_created_at</c>) and stopping once it is full,
    /// instead of sorting every match: at a million leads, "eric" read 1,000 rows for its first page where the sort read
    /// and rechecked 19,000. The walk is taken only while it is sure to stay short:
    /// <list type="bullet">
    /// <item>at least a tenth of the keys read were as typed (a typo whose alternatives are common has few, and a walk for
    /// them could read the whole table);</item>
    /// <item>the page ends within a tenth of the as-typed matches seen, so the walk reads at most about a tenth of the
    /// leads.</item>
    /// </list>
    /// Otherwise, or when the as-typed leads cannot fill the page, the sorted query serves it. The total is the planner's
    /// estimate, since the pass showed it is past the limit.
    /// </summary>
    private async Task<LeadPage> ManyMatchesPageAsync(FacturixDb db, IQueryable<Lead> leads, IQueryable<Lead> unsearched,
        Func<Task<IQueryable<Lead>>> estimable, LeadListQuery query, PageRequest page, int limit, int asTypedSeen, DateTimeOffset now, bool showConflicts, CancellationToken ct)
    {
        List<LeadRow>? rows = null;
        if (asTypedSeen * WalkShare >= limit + 1 && (page.Skip + page.Take) * WalkShare <= asTypedSeen)
        {
            // From the leads before the search's own filter: holding every word as typed implies matching it, and the
            // two LIKEs together would make the planner expect a hundredth of the rows and sort them instead of walking.
            var newestAsTyped = unsearched.Where(AsTyped(query.Search)).OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id);
            var walked = await Project(db, newestAsTyped.Skip(page.Skip).Take(page.Take).TagWith(ListQueryTag), now, showConflicts)
                .ToListAsync(ct);
            if (walked.Count == page.Take) rows = walked;
        }
        rows ??= await Project(db, Sort(db, leads, query, page).Skip(page.Skip).Take(page.Take).TagWith(ListQueryTag), now, showConflicts)
            .ToListAsync(ct);
        var estimate = await EstimateAsync(db, await estimable(), ct);
        return new LeadPage(rows.Select(r => r with { Country = r.Country.Trim() }).ToList(), Math.Max(limit + 1, estimate), true);
    }

    /// <summary>The share (one in ten) that bounds the walk of <see cref="ManyMatchesPageAsync"/>, both ways.</summary>
    private const int WalkShare = 10;

    /// <summary>
    /// Whether a lead holds every search word as typed (a substring of its folded text), not only a word a typo away: those
    /// rank first. At most five words (<see cref="LeadSearchTerms.WordsOf"/>), one parameter each; a missing word is a null parameter.
    /// </summary>
    private static Expression<Func<Lead, bool>> AsTyped(string? search)
    {
        var patterns = LeadSearchTerms.WordsOf(search).Select(LikePattern.Containing).ToList();
        string? p0 = patterns.ElementAtOrDefault(0), p1 = patterns.ElementAtOrDefault(1), p2 = patterns.ElementAtOrDefault(2),
            p3 = patterns.ElementAtOrDefault(3), p4 = patterns.ElementAtOrDefault(4);
        return l =>
            (p0 == null || EF.Functions.Like(EF.Property<string>(l, LeadSearchSql.SearchTextProperty), LeadSearchSql.Fold(p0), LikePattern.Escape))
            && (p1 == null || EF.Functions.Like(EF.Property<string>(l, LeadSearchSql.SearchTextProperty), LeadSearchSql.Fold(p1), LikePattern.Escape))
            && (p2 == null || EF.Functions.Like(EF.Property<string>(l, LeadSearchSql.SearchTextProperty), LeadSearchSql.Fold(p2), LikePattern.Escape))
            && (p3 == null || EF.Functions.Like(EF.Property<string>(l, LeadSearchSql.SearchTextProperty), LeadSearchSql.Fold(p3), LikePattern.Escape))
            && (p4 == null || EF.Functions.Like(EF.Property<string>(l, LeadSearchSql.SearchTextProperty), LeadSearchSql.Fold(p4), LikePattern.Escape));
    }
}
