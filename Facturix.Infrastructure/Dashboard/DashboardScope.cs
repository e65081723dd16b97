using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Infrastructure.Dashboard;

/// <summary>A BD whose tile a team dashboard shows.</summary>
internal sealed record DashboardBd(Guid UserId, string Email, string DisplayName);

/// <summary>
/// What one actor's dashboard covers, resolved through <see cref="Scope"/>: the whole agency, or these campaigns and
/// accounts; and the BDs assigned to those campaigns (their tiles). <see cref="Key"/> is the same for every viewer
/// with the same scope, so they share one cached overview.
/// </summary>
internal sealed record DashboardScope(bool Agency, Guid[] CampaignIds, Guid[] AccountIds, IReadOnlyList<DashboardBd> Bds)
{
    public string Key { get; } = Agency ? "agency" : Hash(CampaignIds, AccountIds, Bds);

    public bool Covers(Guid campaignId) => Agency || Array.BinarySearch(CampaignIds, campaignId) >= 0;

    private static string Hash(Guid[] campaigns, Guid[] accounts, IReadOnlyList<DashboardBd> bds)
    {
        var text = new StringBuilder();
        foreach (var id in campaigns) text.Append('c').Append(id.ToString("N"));
        foreach (var id in accounts) text.Append('a').Append(id.ToString("N"));
        foreach (var bd in bds) text.Append('u').Append(bd.UserId.ToString("N"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text.ToString())))[..32];
    }
}

/// <summary>
/// Resolves <see cref="DashboardScope"/> from the database and keeps it until access, assignments, campaigns or
/// accounts change (<see cref="DashboardFreshness.AccessGeneration"/>): two hundred dashboards reloading on a logged
/// call must not run two hundred scope queries (docs/decisions/0063).
/// </summary>
internal sealed class DashboardScopes(IDbContextFactory<FacturixDb> dbFactory, DashboardFreshness freshness)
{
    private readonly ConcurrentDictionary<(Guid User, bool Agency), (long Generation, DashboardScope Scope)> _resolved = new();

    public async Task<DashboardScope> ResolveAsync(Actor actor, CancellationToken ct)
    {
        var generation = freshness.AccessGeneration; // read first: a change during the queries leaves this entry stale
        var key = (actor.UserId, actor.HasAgencyScope);
        if (_resolved.TryGetValue(key, out var known) && known.Generation == generation)
            return known.Scope;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Guid[] campaigns = [], accounts = [];
        if (!actor.HasAgencyScope)
        {
            campaigns = await Scope.Campaigns(db, actor).Select(c => c.Id).ToArrayAsync(ct);
            accounts = await Scope.Accounts(db, actor).Select(a => a.Id).ToArrayAsync(ct);
            Array.Sort(campaigns);
            Array.Sort(accounts);
        }
        var bds = await db.Database.SqlQueryRaw<DashboardBd>($"""
            SELECT u.id AS user_id, COALESCE(u.email, '') AS email, u.display_name AS display_name
            FROM "AspNetUsers" u
            WHERE u.deactivated_at IS NULL
              AND EXISTS (SELECT 1 FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r.id = ur.role_id
                          WHERE ur.user_id = u.id AND r.name = '{Roles.BusinessDeveloper}')
              AND EXISTS (SELECT 1 FROM campaign_assignments ca
                          WHERE ca.user_id = u.id AND (@agency OR ca.campaign_id = ANY(@campaigns)))
            ORDER BY u.id
            """, new NpgsqlParameter("agency", actor.HasAgencyScope), new NpgsqlParameter("campaigns", campaigns)).ToListAsync(ct);

        var scope = actor.IsActive ? new DashboardScope(actor.HasAgencyScope, campaigns, accounts, bds) : new DashboardScope(false, [], [], []);
        _resolved[key] = (generation, scope);
        return scope;
    }
}
