namespace Facturix.Domain.Dashboard.AtRisk;

/// <summary>A current goal of the campaign: its target, what is achieved so far and its period.</summary>
public sealed record CampaignGoalState(int Target, int Achieved, DayRange Period);

/// <summary>
/// What the at-risk rules (<see cref="AtRiskRules"/>) read about one active campaign, gathered set-wise by the service.
/// Windows end today (agency days): the recent one is the last <see cref="AtRiskSettings.RecentDays"/> days, the norm
/// the <see cref="AtRiskSettings.NormDays"/> days just before it.
/// </summary>
/// <param name="Since">The day the campaign started (its start date, else the day it was created): quiet days count from here.</param>
/// <param name="LastActivityOn">The last day with a call, an email sent or a conversion on the campaign; null if none ever.</param>
/// <param name="CallableLeadsLeft">Open leads (new or in progress) still under the campaign's attempt cap.</param>
/// <param name="LeadsWorkedRecently">Distinct (lead, day) pairs called over the recent window: the leads worked, day by day.</param>
public sealed record CampaignHealth(
    Guid CampaignId,
    DateOnly Since,
    DateOnly? EndsOn,
    DateOnly? LastActivityOn,
    int RecentCalls,
    int RecentContacts,
    int NormCalls,
    int NormContacts,
    int CallableLeadsLeft,
    int LeadsWorkedRecently,
    IReadOnlyList<CampaignGoalState> Goals);
