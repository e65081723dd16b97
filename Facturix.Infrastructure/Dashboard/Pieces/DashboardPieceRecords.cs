using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Leads;

namespace Facturix.Infrastructure.Dashboard.Pieces;

/// <summary>One <c>activity_daily</c> row of a campaign: one user's figures on one agency day.</summary>
internal readonly record struct RollupDay(Guid UserId, DateOnly Day, int Calls, int Contacts, int Meetings, int Emails, int Conversions);

/// <summary>A campaign's rollup rows over <see cref="DashboardPieces.WindowDays"/> days up to today (Guid.Empty: work on no campaign).</summary>
internal sealed record CampaignActivity(IReadOnlyList<RollupDay> Days);

/// <summary>Leads of a campaign at one stage and one campaign status.</summary>
internal sealed record FunnelCount(LeadStatus Status, Guid? CampaignStatusId, string? Label, int Leads);

/// <summary>
/// A campaign's leads by stage and campaign status, and what the at-risk rules need of its list: callable leads left,
/// distinct (lead, day) calls over the recent window, and its last day with activity (before the window too).
/// </summary>
internal sealed record CampaignLeads(IReadOnlyList<FunnelCount> Funnel, int Callable, int LeadsWorked, DateOnly? LastActiveDay)
{
    public static CampaignLeads None { get; } = new([], 0, 0, null);

    public int Leads => Funnel.Sum(f => f.Leads);

    public int Converted => Funnel.Where(f => f.Status == LeadStatus.Converted).Sum(f => f.Leads);
}

/// <summary>What the dashboard shows of a campaign and its account.</summary>
internal sealed record CampaignInfo(
    Guid Id, string Name, Guid AccountId, string AccountName, bool AccountArchived, CampaignState State,
    DateOnly? StartsOn, DateOnly? EndsOn, DateTimeOffset CreatedAt);

/// <summary>Every campaign and account of the agency (small tables), for the headline counts and names.</summary>
internal sealed record AgencyDirectory(IReadOnlyDictionary<Guid, CampaignInfo> Campaigns, IReadOnlyDictionary<Guid, bool> AccountArchived)
{
    /// <summary>Campaign ids of an activity query covering the agency: every campaign, and Guid.Empty for work on none.</summary>
    public IEnumerable<Guid> ActivityKeys => Campaigns.Keys.Append(Guid.Empty);
}

/// <summary>A goal whose period contains today, with its subject's name.</summary>
internal sealed record CurrentGoal(Goal Goal, string SubjectName);
