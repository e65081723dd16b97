namespace Facturix.Domain.Dashboard.AtRisk;

/// <summary>Why a campaign is flagged (backlog 2.1.6).</summary>
public enum AtRiskReason
{
    /// <summary>No activity for <see cref="AtRiskSettings.IdleDays"/> days.</summary>
    NoRecentActivity = 0,
    /// <summary>Recent contact rate far below the campaign's own norm.</summary>
    LowContactRate = 1,
    /// <summary>A goal behind pace close to the campaign's end date.</summary>
    GoalBehindPace = 2,
    /// <summary>The callable leads left run out, at the recent pace, before the end date.</summary>
    ListRunningDry = 3,
    /// <summary>
    /// Still active past its end date (docs/decisions/0089): its work is over and it needs closing, which is neither
    /// inactivity nor a list running dry; this reason stands alone.
    /// </summary>
    EndedStillActive = 4,
}

/// <summary>A flagged campaign with each reason and, when the list runs dry, the forecast exhaustion day.</summary>
public sealed record AtRiskCampaign(
    Guid CampaignId, string CampaignName, string AccountName, IReadOnlyList<AtRiskReason> Reasons,
    DateOnly? LastActivityOn, double? RecentContactRate, double? NormContactRate, int CallableLeadsLeft, double DailyPace,
    DateOnly? ExhaustedOn, DateOnly? EndsOn);

/// <summary>
/// The thresholds of the at-risk rules (defaults from the backlog's "N days" and "far below"). <see cref="MinCallsForRate"/>:
/// calls each window needs before its contact rate is judged (a handful of calls says nothing about a rate).
/// </summary>
public sealed record AtRiskSettings(
    int IdleDays = 3, double ContactRateFloor = 0.5, int RecentDays = 7, int NormDays = 60, int NearEndDays = 14, int MinCallsForRate = 20)
{
    public static AtRiskSettings Default { get; } = new();
}
