using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Leads;

namespace Facturix.Domain.Dashboard;

/// <summary>A figure over the chosen period next to the same figure over the period just before.</summary>
public sealed record MetricChange(long Current, long Previous)
{
    /// <summary>Relative change (0.25 = +25 %); null when there is nothing to compare with.</summary>
    public double? Change => Previous == 0 ? null : (double)(Current - Previous) / Previous;
}

/// <summary>The activity tiles of 2.1.1: calls, contacts (calls whose outcome counts as contact), meetings booked, emails sent.</summary>
public sealed record ActivityKpis(MetricChange Calls, MetricChange Contacts, MetricChange Meetings, MetricChange EmailsSent);

/// <summary>One BD's tile (backlog 2.1.2): figures over the period and a 14-day sparkline of calls, oldest day first.</summary>
public sealed record BdTile(
    Guid UserId, string Email, string DisplayName, int Calls, int Contacts, int Emails, int TasksDone, int Meetings,
    IReadOnlyList<int> CallsLast14Days)
{
    /// <summary>Anything to show: a figure of the period or a call in the last 14 days.</summary>
    public bool HasActivity => Calls + Contacts + Emails + TasksDone + Meetings > 0 || CallsLast14Days.Any(c => c > 0);
}

public sealed record FunnelStep(StatusCategory Category, int Leads);

/// <summary>
/// Leads at one campaign-specific status; null label: leads with no campaign status. Over every campaign the statuses
/// that share a name are one row with no id ("Nouveau" once, not once per campaign with nothing to tell them apart).
/// </summary>
public sealed record CampaignStatusCount(Guid? CampaignStatusId, string? Label, int Leads);

/// <summary>The campaign funnel (backlog 2.1.3) for one campaign, or every campaign in scope when <see cref="CampaignId"/> is null.</summary>
public sealed record Funnel(Guid? CampaignId, IReadOnlyList<FunnelStep> Categories, IReadOnlyList<CampaignStatusCount> CampaignStatuses);

/// <summary>One day of the activity trend (backlog 2.1.4).</summary>
public sealed record TrendPoint(DateOnly Day, int Calls, int Emails);

/// <summary>Everything the dashboard shows, computed once per scope and period and shared by every open dashboard.</summary>
public sealed record DashboardOverview(
    MetricsScope Scope,
    DayRange Period,
    KpiSnapshot Totals,
    ActivityKpis Activity,
    IReadOnlyList<BdTile> Bds,
    Funnel Funnel,
    IReadOnlyList<TrendPoint> Last30Days,
    IReadOnlyList<AtRiskCampaign> AtRisk,
    IReadOnlyList<GoalProgress> Goals,
    DateTimeOffset ComputedAt);

/// <summary>One week's cohort on the campaign page (backlog 2.3.7): leads that entered the campaign that week and how many converted.</summary>
public sealed record CohortWeek(DateOnly WeekStart, int Leads, int Converted)
{
    public double Conversion => Leads == 0 ? 0 : (double)Converted / Leads;
}
