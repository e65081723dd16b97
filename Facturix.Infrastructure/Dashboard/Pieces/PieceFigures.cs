using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;

namespace Facturix.Infrastructure.Dashboard.Pieces;

/// <summary>
/// The overview's figures composed in memory from <see cref="DashboardPieces"/>: the same sums the rollup queries of
/// <see cref="DashboardMetrics"/> make, over the campaigns of a scope and, for "mine", one user's rows.
/// </summary>
internal static class PieceFigures
{
    public static ActivityKpis Activity(IEnumerable<CampaignActivity> pieces, Guid? mineOf, DayRange period)
    {
        var previous = period.Previous;
        long calls = 0, contacts = 0, meetings = 0, emails = 0, previousCalls = 0, previousContacts = 0, previousMeetings = 0, previousEmails = 0;
        foreach (var row in Rows(pieces, mineOf))
        {
            if (period.Contains(row.Day))
            {
                calls += row.Calls; contacts += row.Contacts; meetings += row.Meetings; emails += row.Emails;
            }
            else if (previous.Contains(row.Day))
            {
                previousCalls += row.Calls; previousContacts += row.Contacts; previousMeetings += row.Meetings; previousEmails += row.Emails;
            }
        }
        return new ActivityKpis(new MetricChange(calls, previousCalls), new MetricChange(contacts, previousContacts),
            new MetricChange(meetings, previousMeetings), new MetricChange(emails, previousEmails));
    }

    /// <summary>One tile per BD: their rows on the scope's campaigns, their tasks done anywhere (as <see cref="DashboardMetrics.BdTilesAsync"/>).</summary>
    public static IReadOnlyList<BdTile> Tiles(
        IEnumerable<CampaignActivity> pieces, IReadOnlyList<DashboardBd> bds, IReadOnlyDictionary<(Guid User, DateOnly Day), int> tasksDone,
        DayRange period, DateOnly today)
    {
        if (bds.Count == 0) return [];
        var spark = new DayRange(today.AddDays(1 - DashboardMetrics.SparklineDays), today);
        var wanted = bds.Select(b => b.UserId).ToHashSet();
        var sums = bds.ToDictionary(b => b.UserId, _ => new int[4]);
        var sparks = bds.ToDictionary(b => b.UserId, _ => new int[DashboardMetrics.SparklineDays]);
        foreach (var piece in pieces)
            foreach (var row in piece.Days)
            {
                if (!wanted.Contains(row.UserId)) continue;
                if (period.Contains(row.Day))
                {
                    var sum = sums[row.UserId];
                    sum[0] += row.Calls; sum[1] += row.Contacts; sum[2] += row.Emails; sum[3] += row.Meetings;
                }
                if (spark.Contains(row.Day)) sparks[row.UserId][row.Day.DayNumber - spark.From.DayNumber] += row.Calls;
            }
        return bds.Select(bd =>
        {
            var sum = sums[bd.UserId];
            var done = 0;
            for (var day = period.From; day <= period.To; day = day.AddDays(1))
                done += tasksDone.GetValueOrDefault((bd.UserId, day));
            return new BdTile(bd.UserId, bd.Email, bd.DisplayName, sum[0], sum[1], sum[2], done, sum[3], sparks[bd.UserId]);
        }).ToList();
    }

    /// <summary>Calls and emails per day over <paramref name="days"/>, every day present.</summary>
    public static IReadOnlyList<TrendPoint> Trend(IEnumerable<CampaignActivity> pieces, Guid? mineOf, DayRange days)
    {
        var calls = new int[days.Days];
        var emails = new int[days.Days];
        foreach (var row in Rows(pieces, mineOf))
            if (days.Contains(row.Day))
            {
                calls[row.Day.DayNumber - days.From.DayNumber] += row.Calls;
                emails[row.Day.DayNumber - days.From.DayNumber] += row.Emails;
            }
        return Enumerable.Range(0, days.Days).Select(i => new TrendPoint(days.From.AddDays(i), calls[i], emails[i])).ToList();
    }

    /// <summary>Leads per status category and campaign status over <paramref name="pieces"/> (backlog 2.1.3).</summary>
    public static Funnel Funnel(Guid? campaignId, IEnumerable<CampaignLeads> pieces)
    {
        var counts = pieces.SelectMany(p => p.Funnel).ToList();
        var categories = Enum.GetValues<StatusCategory>()
            .Select(category => new FunnelStep(category, counts.Where(c => c.Status.Category() == category).Sum(c => c.Leads)))
            .ToList();
        // One campaign: a row per status. Every campaign: a row per status name, since each campaign has its own
        // "Nouveau" and the table listed it four times with nothing to tell the rows apart.
        var statuses = counts.GroupBy(c => (Id: campaignId is null ? null : c.CampaignStatusId, c.Label))
            .Select(g => new CampaignStatusCount(g.Key.Id, g.Key.Label, g.Sum(c => c.Leads)))
            .OrderByDescending(s => s.Leads).ThenBy(s => s.Label, StringComparer.Ordinal)
            .ToList();
        return new Funnel(campaignId, categories, statuses);
    }

    /// <summary>
    /// The headline counts of a scope (as <c>DashboardService.KpisAsync</c>): its accounts, active campaigns, leads and won
    /// leads, leaving out archived clients with their campaigns and leads.
    /// </summary>
    public static KpiSnapshot Totals(AgencyDirectory directory, DashboardScope scope, IReadOnlyDictionary<Guid, CampaignLeads> leads)
    {
        var accounts = scope.Agency
            ? directory.AccountArchived.Count(a => !a.Value)
            : scope.AccountIds.Count(id => directory.AccountArchived.TryGetValue(id, out var archived) && !archived);
        var campaigns = (scope.Agency ? directory.Campaigns.Values : scope.CampaignIds.Select(id => directory.Campaigns.GetValueOrDefault(id)).OfType<CampaignInfo>())
            .Where(c => !c.AccountArchived)
            .ToList();
        return new KpiSnapshot(
            accounts,
            campaigns.Count(c => c.State == CampaignState.Active),
            campaigns.Sum(c => leads.GetValueOrDefault(c.Id)?.Leads ?? 0),
            campaigns.Sum(c => leads.GetValueOrDefault(c.Id)?.Converted ?? 0));
    }

    private static IEnumerable<RollupDay> Rows(IEnumerable<CampaignActivity> pieces, Guid? mineOf) =>
        mineOf is { } me ? pieces.SelectMany(p => p.Days).Where(r => r.UserId == me) : pieces.SelectMany(p => p.Days);
}
