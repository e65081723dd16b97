using Facturix.Domain.Users;

namespace Facturix.Domain.Dashboard;

/// <summary>What a dashboard asks for: whose figures, over which days, and optionally one campaign's funnel.</summary>
public sealed record DashboardQuery(MetricsScope Scope, DashboardPeriod Period, Guid? FunnelCampaignId = null)
{
    public static DashboardQuery Default { get; } = new(MetricsScope.Mine, DashboardPeriod.Default);
}

/// <summary>The dashboard choices a person makes once and finds again on any device (scope toggle and period).</summary>
public sealed record DashboardPreferences(MetricsScope Scope, DashboardPeriod Period)
{
    /// <summary>Someone's own figures over the default period: where anyone without team figures starts.</summary>
    public static DashboardPreferences Default { get; } = new(MetricsScope.Mine, DashboardPeriod.Default);

    /// <summary>Where a person starts before choosing: the team's figures for whoever may see them (a manager steers the
    /// floor, and opened on their own figures, often zeros, they switched every time), their own for everyone else.</summary>
    public static DashboardPreferences DefaultFor(Actor actor) =>
        actor.Can(Capability.AnalyticsTeam) ? Default with { Scope = MetricsScope.Team } : Default;
}
