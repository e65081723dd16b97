namespace Facturix.Domain.Dashboard;

/// <summary>What a dashboard asks for: whose figures, over which days, and optionally one campaign's funnel.</summary>
public sealed record DashboardQuery(MetricsScope Scope, DashboardPeriod Period, Guid? FunnelCampaignId = null)
{
    public static DashboardQuery Default { get; } = new(MetricsScope.Mine, DashboardPeriod.Default);
}

/// <summary>The dashboard choices a person makes once and finds again on any device (scope toggle and period).</summary>
public sealed record DashboardPreferences(MetricsScope Scope, DashboardPeriod Period)
{
    public static DashboardPreferences Default { get; } = new(MetricsScope.Mine, DashboardPeriod.Default);
}
