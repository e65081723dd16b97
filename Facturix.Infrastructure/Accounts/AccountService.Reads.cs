using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Accounts;

/// <summary>Reads of <see cref="IAccountService"/>: any active staff member, limited to their scope.</summary>
internal sealed partial class AccountService
{
    /// <summary>Tag on the list's page query (benchmarks and EXPLAIN find it by it).</summary>
    public const string ListQueryTag = "accounts.list";

    private const int RecentActivityCount = 20;

    /// <summary>
    /// The cluster runs with locale C (byte order: "Zèbre" before "alpha"); names are sorted the way a French reader
    /// expects with PostgreSQL's ICU collation instead (docs/decisions/0017).
    /// </summary>
    private const string ReaderOrder = "fr-x-icu";

    public async Task<PagedResult<AccountRow>> ListAsync(Actor actor, AccountListQuery query, PageRequest page, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = Filter(db, Scope.Accounts(db, actor), query);

        var total = await accounts.CountAsync(ct);
        if (total == 0) return PagedResult<AccountRow>.Empty;

        var campaigns = Scope.Campaigns(db, actor);
        var rows = await Sort(accounts, page)
            .Skip(page.Skip).Take(page.Take)
            .TagWith(ListQueryTag)
            .Select(a => new
            {
                a.Id, a.Name, a.Siren, a.City, a.Country, a.Industry, a.Status, a.CreatedAt, a.ArchivedAt,
                Campaigns = campaigns.Count(c => c.AccountId == a.Id),
            })
            .ToListAsync(ct);

        // The page's managers in one more round trip, rather than a correlated array per row.
        var ids = rows.Select(r => r.Id).ToList();
        var managers = (await db.AccountAssignments.Where(x => ids.Contains(x.AccountId))
                .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { x.AccountId, u.DisplayName })
                .ToListAsync(ct))
            .ToLookup(m => m.AccountId, m => m.DisplayName);

        return new PagedResult<AccountRow>(
            rows.Select(r => new AccountRow(r.Id, r.Name, r.Siren?.Trim(), r.City, r.Country.Trim(), r.Industry, r.Status,
                r.Campaigns, managers[r.Id].Order(StringComparer.CurrentCulture).ToList(), r.CreatedAt, r.ArchivedAt is not null)).ToList(),
            total);
    }

    public async Task<AccountFilterOptions> GetFilterOptionsAsync(Actor actor, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = Scope.Accounts(db, actor).Where(a => a.ArchivedAt == null);
        var industries = await accounts.Where(a => a.Industry != null).Select(a => a.Industry!).Distinct()
            .OrderBy(i => EF.Functions.Collate(i, ReaderOrder)).ToListAsync(ct);
        // Only people responsible for accounts the actor sees: the filter reveals nobody else.
        var accountIds = accounts.Select(a => a.Id);
        var managers = await db.Users
            .Where(u => db.AccountAssignments.Any(x => x.UserId == u.Id && accountIds.Contains(x.AccountId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new AccountManager(u.Id, u.Email!, u.DisplayName))
            .ToListAsync(ct);
        return new AccountFilterOptions(industries, managers);
    }

    public async Task<AccountDetails> GetAsync(Actor actor, Guid accountId, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await Scope.Accounts(db, actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == accountId, ct)
            ?? throw new NotFoundException("account", accountId);

        var managers = await db.AccountAssignments.Where(x => x.AccountId == accountId)
            .Join(db.Users, x => x.UserId, u => u.Id, (_, u) => u)
            .OrderBy(u => u.DisplayName)
            .Select(u => new AccountManager(u.Id, u.Email!, u.DisplayName))
            .ToListAsync(ct);
        var campaigns = Scope.Campaigns(db, actor).Where(c => c.AccountId == accountId);
        var campaignList = await campaigns.OrderBy(c => c.Name)
            .Select(c => new AccountCampaign(c.Id, c.Name, c.State))
            .ToListAsync(ct);
        // The campaigns' activity (indexed by campaign and time) plus notes logged on the account itself.
        var campaignIds = campaigns.Select(c => c.Id);
        var activity = await db.Activities
            .Where(x => (x.CampaignId != null && campaignIds.Contains(x.CampaignId.Value))
                || (x.CampaignId == null && x.AccountId == accountId))
            .OrderByDescending(x => x.OccurredAt)
            .Take(RecentActivityCount)
            .Select(x => new AccountActivity(
                x.Id, x.Kind,
                db.Users.Where(u => u.Id == x.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                x.OccurredAt, x.LeadId,
                db.Leads.Where(l => l.Id == x.LeadId).Select(l => ((l.FirstName ?? "") + " " + (l.LastName ?? "")).Trim()).FirstOrDefault(),
                x.Subject))
            .ToListAsync(ct);

        return new AccountDetails(a.Id, a.Name, a.Industry, a.Website, a.Siren?.Trim(), a.City, a.Country.Trim(), a.Status,
            a.ClientContactName, a.ClientContactEmail, a.ClientContactPhone, a.Notes, a.CreatedAt, a.UpdatedAt, a.ArchivedAt,
            a.Version, managers, campaignList, activity);
    }

    private static IQueryable<Account> Filter(FacturixDb db, IQueryable<Account> accounts, AccountListQuery query)
    {
        accounts = query.Archived ? accounts.Where(a => a.ArchivedAt != null) : accounts.Where(a => a.ArchivedAt == null);
        if (query.Status is { } status) accounts = accounts.Where(a => a.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            var industry = query.Industry.Trim();
            accounts = accounts.Where(a => a.Industry == industry);
        }
        if (query.ManagerId is { } managerId)
            accounts = accounts.Where(a => db.AccountAssignments.Any(x => x.AccountId == a.Id && x.UserId == managerId));
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            // Contains, any case, with LIKE's wildcards taken literally; the name has a trigram index.
            var pattern = LikePattern.Containing(term);
            var digits = term.Replace(" ", "");
            if (digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit))
                accounts = accounts.Where(a => EF.Functions.ILike(a.Name, pattern, LikePattern.Escape)
                    || EF.Functions.ILike(a.City!, pattern, LikePattern.Escape)
                    || a.Siren!.StartsWith(digits));
            else
                accounts = accounts.Where(a => EF.Functions.ILike(a.Name, pattern, LikePattern.Escape) || EF.Functions.ILike(a.City!, pattern, LikePattern.Escape));
        }
        return accounts;
    }

    /// <summary>The requested column, then the id, so pages never overlap or skip a row.</summary>
    private static IQueryable<Account> Sort(IQueryable<Account> accounts, PageRequest page)
    {
        var descending = page.SortDescending;
        IOrderedQueryable<Account> sorted = page.SortBy switch
        {
            AccountListQuery.Sort.City => descending
                ? accounts.OrderByDescending(a => EF.Functions.Collate(a.City, ReaderOrder))
                : accounts.OrderBy(a => EF.Functions.Collate(a.City, ReaderOrder)),
            AccountListQuery.Sort.Industry => descending
                ? accounts.OrderByDescending(a => EF.Functions.Collate(a.Industry, ReaderOrder))
                : accounts.OrderBy(a => EF.Functions.Collate(a.Industry, ReaderOrder)),
            AccountListQuery.Sort.Status => descending ? accounts.OrderByDescending(a => a.Status) : accounts.OrderBy(a => a.Status),
            AccountListQuery.Sort.CreatedAt => descending ? accounts.OrderByDescending(a => a.CreatedAt) : accounts.OrderBy(a => a.CreatedAt),
            _ => descending
                ? accounts.OrderByDescending(a => EF.Functions.Collate(a.Name, ReaderOrder))
                : accounts.OrderBy(a => EF.Functions.Collate(a.Name, ReaderOrder)),
        };
        return sorted.ThenBy(a => a.Id);
    }
}
