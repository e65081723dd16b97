using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard.AtRisk;
using Facturix.Infrastructure.Dashboard.Goals;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Facturix.Infrastructure.Dashboard.Pieces;

/// <summary>
/// The dashboard's figures as pieces cached once per campaign, not per viewer (docs/decisions/0064): each campaign's
/// rollup rows over the last <see cref="WindowDays"/> days and its leads by stage, agency-wide tasks done, the agency's
/// campaigns and the current goals. Every overview, at-risk list and goal ring is composed from them in memory, so a
/// logged call reloads the pieces of its own campaign (two statements) whatever the number of dashboards open.
/// Each piece is current while its freshness stamp (<see cref="DashboardFreshness"/>) has not moved.
/// </summary>
internal sealed class DashboardPieces(IDbContextFactory<FacturixDb> dbFactory, DashboardFreshness freshness, IOptions<AtRiskOptions> atRisk)
{
    /// <summary>
    /// Days of rollup rows a campaign's piece holds, up to today: the longest period and its previous one (this month and
    /// last month: 62 days), a quarter's goal (92 days), the at-risk recent and norm windows (67 days by default; their
    /// settings are held to this window, <see cref="AtRiskOptions"/>), with margin.
    /// A custom period reaching further back is read from the rollup directly.
    /// </summary>
    public const int WindowDays = 100;

    private readonly PieceStore<Guid, CampaignActivity> _activity = new();
    private readonly PieceStore<Guid, CampaignLeads> _leads = new();
    private readonly PieceStore<string, IReadOnlyDictionary<(Guid User, DateOnly Day), int>> _tasks = new();
    private readonly PieceStore<string, AgencyDirectory> _directory = new();
    private readonly PieceStore<string, IReadOnlyList<CurrentGoal>> _goals = new();
    private readonly PieceStore<(Guid User, bool Agency, MetricsScope Scope), IReadOnlySet<Guid>> _visibleGoals = new();

    public static DayRange Window(DateOnly today) => new(today.AddDays(1 - WindowDays), today);

    /// <summary>Rollup rows of <paramref name="campaignIds"/> in the window (Guid.Empty: activities with no campaign).</summary>
    public Task<IReadOnlyDictionary<Guid, CampaignActivity>> ActivityAsync(IEnumerable<Guid> campaignIds, DateOnly today) =>
        _activity.GetManyAsync(campaignIds, today, CampaignStamp, ids => LoadActivityAsync(ids, Window(today)));

    /// <summary>Leads by stage and the at-risk list figures of <paramref name="campaignIds"/>.</summary>
    public Task<IReadOnlyDictionary<Guid, CampaignLeads>> LeadsAsync(IEnumerable<Guid> campaignIds, DateOnly today) =>
        _leads.GetManyAsync(campaignIds, today, CampaignStamp, ids => LoadLeadsAsync(ids, today));

    /// <summary>Tasks completed per (assignee, agency day) over the window, agency-wide.</summary>
    public Task<IReadOnlyDictionary<(Guid User, DateOnly Day), int>> TasksDoneAsync(DateOnly today) =>
        _tasks.GetAsync("tasks", today, freshness.LatestOf(DashboardFreshness.TasksTag).Sequence, () => LoadTasksDoneAsync(Window(today)));

    public Task<AgencyDirectory> DirectoryAsync(DateOnly today) =>
        _directory.GetAsync("directory", today, freshness.AccessGeneration, LoadDirectoryAsync);

    /// <summary>Every goal whose period contains today, agency-wide, with its subject's name.</summary>
    public Task<IReadOnlyList<CurrentGoal>> CurrentGoalsAsync(DateOnly today) =>
        _goals.GetAsync("goals", today, GoalsStamp, () => LoadCurrentGoalsAsync(today));

    /// <summary>Ids of the current goals <paramref name="actor"/> sees for <paramref name="scope"/> (<see cref="GoalService.Visible"/>).</summary>
    public Task<IReadOnlySet<Guid>> VisibleGoalsAsync(Actor actor, MetricsScope scope, DateOnly today) =>
        _visibleGoals.GetAsync((actor.IsActive ? actor.UserId : Guid.Empty, actor.HasAgencyScope, scope), today, GoalsStamp,
            () => LoadVisibleGoalsAsync(actor, scope, today));

    /// <summary>Forgets every piece: for tests whose data changes behind the live events' back.</summary>
    public void Clear()
    {
        _activity.Clear();
        _leads.Clear();
        _tasks.Clear();
        _directory.Clear();
        _goals.Clear();
        _visibleGoals.Clear();
    }

    /// <summary>Goals move with their own tag, and with access (who sees which subject).</summary>
    private long GoalsStamp => freshness.LatestOf(DashboardFreshness.GoalsTag).Sequence;

    private long CampaignStamp(Guid campaignId) => freshness.LatestOf(DashboardFreshness.CampaignTag(campaignId)).Sequence;

    // Every read goes through EF (SqlQueryRaw), so command interceptors (the fanout benchmark's count) see it.
    private async Task<IReadOnlyDictionary<Guid, CampaignActivity>> LoadActivityAsync(IReadOnlyList<Guid> ids, DayRange window)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.Database.SqlQueryRaw<ActivityRow>(PieceSql.CampaignActivity,
            new NpgsqlParameter("ids", ids.ToArray()), new NpgsqlParameter("from", window.From), new NpgsqlParameter("to", window.To))
            .ToListAsync();
        var byCampaign = rows.ToLookup(r => r.CampaignId);
        return ids.ToDictionary(id => id, id => new CampaignActivity(byCampaign[id]
            .Select(r => new RollupDay(r.UserId, r.Day, r.Calls, r.Contacts, r.Meetings, r.EmailsSent, r.Conversions)).ToList()));
    }

    private async Task<IReadOnlyDictionary<Guid, CampaignLeads>> LoadLeadsAsync(IReadOnlyList<Guid> ids, DateOnly today)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.Database.SqlQueryRaw<LeadsRow>(PieceSql.CampaignLeads,
            new NpgsqlParameter("ids", ids.ToArray()), new NpgsqlParameter("today", today),
            new NpgsqlParameter("worked_from", AgencyDays.StartOf(today.AddDays(1 - atRisk.Value.RecentDays)).ToUniversalTime()),
            new NpgsqlParameter("worked_to", AgencyDays.StartOf(today.AddDays(1)).ToUniversalTime()))
            .ToListAsync();
        var byCampaign = rows.ToLookup(r => r.CampaignId);
        return ids.ToDictionary(id => id, id => byCampaign[id].ToList() switch
        {
            [] => CampaignLeads.None,
            var campaign => new CampaignLeads(
                campaign.Where(r => r.Status is not null)
                    .Select(r => new FunnelCount(Enum.Parse<LeadStatus>(r.Status!), r.CampaignStatusId, r.Label, r.Leads ?? 0)).ToList(),
                campaign[0].Callable, campaign[0].LeadsWorked, campaign[0].LastDay),
        });
    }

    private async Task<IReadOnlyDictionary<(Guid User, DateOnly Day), int>> LoadTasksDoneAsync(DayRange window)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.Database.SqlQueryRaw<TasksRow>(PieceSql.TasksDone,
            new NpgsqlParameter("start", AgencyDays.StartOf(window.From).ToUniversalTime()),
            new NpgsqlParameter("end", AgencyDays.StartOf(window.To.AddDays(1)).ToUniversalTime()))
            .ToListAsync();
        return rows.ToDictionary(r => (r.UserId, r.Day), r => r.Done);
    }

    private sealed record ActivityRow(Guid CampaignId, Guid UserId, DateOnly Day, int Calls, int Contacts, int Meetings, int EmailsSent, int Conversions);

    private sealed record LeadsRow(Guid CampaignId, int Callable, int LeadsWorked, DateOnly? LastDay, string? Status, Guid? CampaignStatusId, string? Label, int? Leads);

    private sealed record TasksRow(Guid UserId, DateOnly Day, int Done);

    private async Task<AgencyDirectory> LoadDirectoryAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var campaigns = await (
                from c in db.Campaigns.AsNoTracking()
                join a in db.Accounts on c.AccountId equals a.Id
                select new CampaignInfo(c.Id, c.Name, c.AccountId, a.Name, a.ArchivedAt != null, c.State, c.StartsOn, c.EndsOn, c.CreatedAt))
            .ToDictionaryAsync(c => c.Id);
        var accounts = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.ArchivedAt != null);
        return new AgencyDirectory(campaigns, accounts);
    }

    private async Task<IReadOnlyList<CurrentGoal>> LoadCurrentGoalsAsync(DateOnly today)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var goals = await db.Goals.AsNoTracking().Where(GoalService.Current(today)).ToListAsync();
        var names = await GoalService.NamesAsync(db, goals, CancellationToken.None);
        return goals.ConvertAll(g => new CurrentGoal(g, names.GetValueOrDefault(g.SubjectId, "")));
    }

    private async Task<IReadOnlySet<Guid>> LoadVisibleGoalsAsync(Actor actor, MetricsScope scope, DateOnly today)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return (await GoalService.Visible(db, actor, scope).Where(GoalService.Current(today)).Select(g => g.Id).ToListAsync()).ToHashSet();
    }
}
