using Facturix.Domain.Dashboard.Goals;

namespace Facturix.Domain.Dashboard.AtRisk;

/// <summary>The verdict on one campaign: its reasons (worst first), the figures behind them and how severe it is.</summary>
public sealed record AtRiskAssessment(
    IReadOnlyList<AtRiskReason> Reasons, double? RecentContactRate, double? NormContactRate, double DailyPace, DateOnly? ExhaustedOn,
    int Severity)
{
    public bool IsAtRisk => Reasons.Count > 0;
}

/// <summary>
/// The at-risk rules of backlog 2.1.6, pure so they are unit-tested on fixed dates:
/// <list type="bullet">
/// <item><see cref="AtRiskReason.NoRecentActivity"/>: <see cref="AtRiskSettings.IdleDays"/> whole days or more without activity
/// before today (today is not over, so it does not count), counted from the day after the last activity, or from the
/// campaign's start when it never had any.</item>
/// <item><see cref="AtRiskReason.LowContactRate"/>: the recent contact rate is below <see cref="AtRiskSettings.ContactRateFloor"/>
/// times the campaign's own norm; judged only when both windows have <see cref="AtRiskSettings.MinCallsForRate"/> calls.</item>
/// <item><see cref="AtRiskReason.GoalBehindPace"/>: the campaign ends within <see cref="AtRiskSettings.NearEndDays"/> days and
/// one of its current goals is behind pace (<see cref="GoalPace"/>).</item>
/// <item><see cref="AtRiskReason.ListRunningDry"/>: at the recent daily pace (leads worked per day over the recent window, or
/// since the start when it is younger), the callable leads left are used up on <see cref="AtRiskAssessment.ExhaustedOn"/>,
/// before the end date. A list with nothing callable left is dry today.</item>
/// <item><see cref="AtRiskReason.EndedStillActive"/>: the end date is past (before today) and the campaign is still active.
/// It is the only reason then: an ended campaign is not at risk of inactivity or of running dry, it needs closing
/// (docs/decisions/0089); flagged "no recent activity" before, it sent managers to push a campaign whose work was over.</item>
/// </list>
/// </summary>
public static class AtRiskRules
{
    public static AtRiskAssessment Evaluate(CampaignHealth input, DateOnly today, AtRiskSettings settings)
    {
        var reasons = new List<AtRiskReason>();
        var started = input.Since <= today;
        double? recentRate = input.RecentCalls >= settings.MinCallsForRate ? (double)input.RecentContacts / input.RecentCalls : null;
        double? normRate = input.NormCalls >= settings.MinCallsForRate ? (double)input.NormContacts / input.NormCalls : null;
        var pace = DailyPace(input, today, settings);

        if (input.EndsOn is { } ended && ended < today)
        {
            reasons.Add(AtRiskReason.EndedStillActive);
            return new AtRiskAssessment(reasons, recentRate, normRate, pace, null, Severity(reasons));
        }

        var quietFrom = input.LastActivityOn is { } last ? last.AddDays(1) : input.Since;
        if (started && today.DayNumber - quietFrom.DayNumber >= settings.IdleDays)
            reasons.Add(AtRiskReason.NoRecentActivity);

        if (recentRate is { } recent && normRate is { } norm && recent < settings.ContactRateFloor * norm)
            reasons.Add(AtRiskReason.LowContactRate);

        if (input.EndsOn is { } endsOn && today <= endsOn && endsOn.DayNumber - today.DayNumber <= settings.NearEndDays
            && input.Goals.Any(g => GoalPace.Evaluate(g.Target, g.Achieved, g.Period, today).Behind))
            reasons.Add(AtRiskReason.GoalBehindPace);

        var exhaustedOn = ExhaustionDay(input.CallableLeadsLeft, pace, today);
        if (started && exhaustedOn is { } dry && input.EndsOn is { } end && dry < end)
            reasons.Add(AtRiskReason.ListRunningDry);

        reasons.Sort((a, b) => Weight(b).CompareTo(Weight(a)));
        return new AtRiskAssessment(reasons, recentRate, normRate, pace, exhaustedOn, Severity(reasons));
    }

    /// <summary>Leads worked per day over the recent window, or over the days since the start when the campaign is younger.</summary>
    public static double DailyPace(CampaignHealth input, DateOnly today, AtRiskSettings settings)
    {
        var days = Math.Clamp(today.DayNumber - input.Since.DayNumber + 1, 1, settings.RecentDays);
        return input.LeadsWorkedRecently / (double)days;
    }

    /// <summary>
    /// The day the last callable lead is worked when <paramref name="pace"/> leads are worked each day from today: today
    /// plus ceil(left / pace) - 1. Nothing left: today. No pace: never (null), the idle rule speaks for that campaign.
    /// </summary>
    public static DateOnly? ExhaustionDay(int callableLeft, double pace, DateOnly today)
    {
        if (callableLeft <= 0) return today;
        if (pace <= 0) return null;
        var days = Math.Ceiling(callableLeft / pace);
        return days > DateOnly.MaxValue.DayNumber - today.DayNumber ? null : today.AddDays((int)days - 1);
    }

    /// <summary>
    /// More reasons first; among equals, the worse reasons (an ended campaign still active, which only a manager can
    /// close, before a silent campaign, then a list running dry, then a goal, then the rate).
    /// </summary>
    public static int Severity(IReadOnlyCollection<AtRiskReason> reasons) => reasons.Count * 100 + reasons.Sum(Weight);

    private static int Weight(AtRiskReason reason) => reason switch
    {
        AtRiskReason.EndedStillActive => 16,
        AtRiskReason.NoRecentActivity => 8,
        AtRiskReason.ListRunningDry => 4,
        AtRiskReason.GoalBehindPace => 2,
        AtRiskReason.LowContactRate => 1,
        _ => 0,
    };
}
