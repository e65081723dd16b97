using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Dashboard.Goals;

namespace Facturix.Tests.Dashboard;

/// <summary>The at-risk rules (backlog 2.1.6) on fixed dates: today is Wednesday 17 June 2026, default settings.</summary>
public sealed class AtRiskRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 17);
    private static readonly AtRiskSettings Settings = AtRiskSettings.Default;

    /// <summary>A campaign in good health: started long ago, worked yesterday, a steady contact rate, plenty of leads, no end date.</summary>
    private static CampaignHealth Healthy => new(
        Guid.NewGuid(), Since: Today.AddDays(-100), EndsOn: null, LastActivityOn: Today.AddDays(-1),
        RecentCalls: 100, RecentContacts: 30, NormCalls: 800, NormContacts: 240,
        CallableLeadsLeft: 5_000, LeadsWorkedRecently: 70, Goals: []);

    private static AtRiskAssessment Evaluate(CampaignHealth health) => AtRiskRules.Evaluate(health, Today, Settings);

    [Fact]
    public void A_healthy_campaign_is_not_flagged()
    {
        var verdict = Evaluate(Healthy with { EndsOn = Today.AddDays(30) });

        Assert.Empty(verdict.Reasons);
        Assert.False(verdict.IsAtRisk);
        Assert.Equal(0.3, verdict.RecentContactRate!.Value, precision: 9);
        Assert.Equal(0.3, verdict.NormContactRate!.Value, precision: 9);
        Assert.Equal(10, verdict.DailyPace, precision: 9);
        // 5,000 leads at 10 a day: 500 days, today included.
        Assert.Equal(Today.AddDays(499), verdict.ExhaustedOn);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(-60, true)]
    [InlineData(0, false)] // ends today: today is still its own
    public void An_active_campaign_past_its_end_date_is_flagged_as_ended_and_for_nothing_else(int endsOn, bool ended)
    {
        // Quiet for weeks and with a goal behind: before, that read "no recent activity", which asks for work, not closing.
        var verdict = Evaluate(Healthy with { EndsOn = Today.AddDays(endsOn), LastActivityOn = Today.AddDays(-30), CallableLeadsLeft = 0 });

        if (ended)
        {
            Assert.Equal([AtRiskReason.EndedStillActive], verdict.Reasons);
            Assert.Null(verdict.ExhaustedOn);
        }
        else
        {
            Assert.DoesNotContain(AtRiskReason.EndedStillActive, verdict.Reasons);
            Assert.Contains(AtRiskReason.NoRecentActivity, verdict.Reasons);
        }
    }

    [Fact]
    public void An_ended_campaign_ranks_above_a_silent_one()
    {
        Assert.True(AtRiskRules.Severity([AtRiskReason.EndedStillActive]) > AtRiskRules.Severity([AtRiskReason.NoRecentActivity]));
    }

    [Theory]
    [InlineData(-1, false)] // worked yesterday
    [InlineData(-3, false)] // two whole days quiet (Monday, Tuesday)
    [InlineData(-4, true)]  // three whole days quiet
    [InlineData(-30, true)]
    public void Idle_days_are_the_whole_days_since_the_last_activity(int lastActivity, bool flagged)
    {
        var verdict = Evaluate(Healthy with { LastActivityOn = Today.AddDays(lastActivity) });

        Assert.Equal(flagged, verdict.Reasons.Contains(AtRiskReason.NoRecentActivity));
    }

    [Fact]
    public void A_campaign_that_never_had_activity_is_idle_from_its_start()
    {
        var young = Healthy with { LastActivityOn = null, Since = Today.AddDays(-2), LeadsWorkedRecently = 0 };
        var older = young with { Since = Today.AddDays(-3) };
        var notStarted = young with { Since = Today.AddDays(5) };

        Assert.DoesNotContain(AtRiskReason.NoRecentActivity, Evaluate(young).Reasons);
        Assert.Contains(AtRiskReason.NoRecentActivity, Evaluate(older).Reasons);
        Assert.Empty(Evaluate(notStarted).Reasons);
    }

    [Fact]
    public void A_contact_rate_below_half_the_campaigns_own_norm_is_flagged()
    {
        // Norm 30 %, recent 14 % < 15 %.
        var low = Evaluate(Healthy with { RecentCalls = 100, RecentContacts = 14 });
        var justAbove = Evaluate(Healthy with { RecentCalls = 100, RecentContacts = 15 });

        Assert.Equal([AtRiskReason.LowContactRate], low.Reasons);
        Assert.Equal(0.14, low.RecentContactRate!.Value, precision: 9);
        Assert.Empty(justAbove.Reasons);
    }

    [Fact]
    public void The_contact_rate_is_judged_only_with_enough_calls_in_both_windows()
    {
        var fewRecent = Evaluate(Healthy with { RecentCalls = 19, RecentContacts = 0 });
        var fewNorm = Evaluate(Healthy with { RecentCalls = 100, RecentContacts = 0, NormCalls = 19, NormContacts = 19 });
        var enough = Evaluate(Healthy with { RecentCalls = 20, RecentContacts = 0 });

        Assert.DoesNotContain(AtRiskReason.LowContactRate, fewRecent.Reasons);
        Assert.Null(fewRecent.RecentContactRate);
        Assert.DoesNotContain(AtRiskReason.LowContactRate, fewNorm.Reasons);
        Assert.Null(fewNorm.NormContactRate);
        Assert.Contains(AtRiskReason.LowContactRate, enough.Reasons);
    }

    [Fact]
    public void A_campaign_whose_norm_is_zero_contacts_is_never_below_it() =>
        Assert.Empty(Evaluate(Healthy with { RecentContacts = 0, NormContacts = 0 }).Reasons);

    [Fact]
    public void A_goal_behind_pace_is_flagged_when_the_campaign_ends_within_the_near_end_days()
    {
        var month = GoalPeriods.Range(GoalPeriodUnit.Month, new DateOnly(2026, 6, 1));
        // 16 of 30 days over: 100 * 16/30 = 53.3 expected, 40 achieved.
        var behind = new CampaignGoalState(100, 40, month);
        var onPace = new CampaignGoalState(100, 54, month);

        Assert.Equal([AtRiskReason.GoalBehindPace], Evaluate(Healthy with { EndsOn = Today.AddDays(14), Goals = [onPace, behind] }).Reasons);
        Assert.Empty(Evaluate(Healthy with { EndsOn = Today.AddDays(15), Goals = [behind] }).Reasons);
        Assert.Empty(Evaluate(Healthy with { EndsOn = null, Goals = [behind] }).Reasons);
        Assert.Empty(Evaluate(Healthy with { EndsOn = Today.AddDays(3), Goals = [onPace] }).Reasons);
        // Already over: no longer "near the end".
        Assert.DoesNotContain(AtRiskReason.GoalBehindPace, Evaluate(Healthy with { EndsOn = Today.AddDays(-1), Goals = [behind] }).Reasons);
    }

    [Fact]
    public void The_list_runs_dry_when_the_callable_leads_left_run_out_before_the_end_date()
    {
        // 70 leads worked over the last 7 days: 10 a day. 95 left: today plus 9 more days (ceil(9.5) = 10 days), dry on the 26th.
        var health = Healthy with { CallableLeadsLeft = 95, LeadsWorkedRecently = 70 };

        var dryBeforeEnd = Evaluate(health with { EndsOn = new DateOnly(2026, 6, 27) });
        var dryOnLastDay = Evaluate(health with { EndsOn = new DateOnly(2026, 6, 26) });
        var noEnd = Evaluate(health);

        Assert.Equal(new DateOnly(2026, 6, 26), dryBeforeEnd.ExhaustedOn);
        Assert.Equal([AtRiskReason.ListRunningDry], dryBeforeEnd.Reasons);
        Assert.Empty(dryOnLastDay.Reasons);
        Assert.Equal(new DateOnly(2026, 6, 26), noEnd.ExhaustedOn);
        Assert.Empty(noEnd.Reasons);
    }

    [Theory]
    [InlineData(100, 10.0, 9)]  // exactly ten days: today and nine more
    [InlineData(101, 10.0, 10)]
    [InlineData(1, 10.0, 0)]    // a single lead goes today
    [InlineData(7, 0.5, 13)]
    public void Exhaustion_day_is_today_plus_ceil_left_over_pace_minus_one(int left, double pace, int daysAfterToday) =>
        Assert.Equal(Today.AddDays(daysAfterToday), AtRiskRules.ExhaustionDay(left, pace, Today));

    [Fact]
    public void A_list_with_nothing_callable_left_is_dry_today_and_no_pace_means_no_forecast()
    {
        Assert.Equal(Today, AtRiskRules.ExhaustionDay(0, 0, Today));
        Assert.Null(AtRiskRules.ExhaustionDay(10, 0, Today));
        var empty = Evaluate(Healthy with { CallableLeadsLeft = 0, LeadsWorkedRecently = 0, EndsOn = Today.AddDays(10) });
        Assert.Contains(AtRiskReason.ListRunningDry, empty.Reasons);
        Assert.Equal(Today, empty.ExhaustedOn);
    }

    [Fact]
    public void A_young_campaign_paces_over_the_days_since_its_start()
    {
        // Started yesterday: 40 leads worked over 2 days is 20 a day, not 40/7.
        var young = Healthy with { Since = Today.AddDays(-1), LeadsWorkedRecently = 40 };

        Assert.Equal(20, Evaluate(young).DailyPace, precision: 9);
    }

    [Fact]
    public void Reasons_come_worst_first_and_more_reasons_weigh_more()
    {
        var all = Healthy with
        {
            LastActivityOn = Today.AddDays(-10), RecentContacts = 1, CallableLeadsLeft = 0, EndsOn = Today.AddDays(5),
            Goals = [new CampaignGoalState(100, 0, GoalPeriods.Range(GoalPeriodUnit.Month, new DateOnly(2026, 6, 1)))],
        };

        var verdict = Evaluate(all);
        var idleOnly = Evaluate(Healthy with { LastActivityOn = Today.AddDays(-10) });
        var rateOnly = Evaluate(Healthy with { RecentContacts = 1 });
        var dryAndRate = Evaluate(Healthy with { RecentContacts = 1, CallableLeadsLeft = 0, EndsOn = Today.AddDays(30) });

        Assert.Equal([AtRiskReason.NoRecentActivity, AtRiskReason.ListRunningDry, AtRiskReason.GoalBehindPace, AtRiskReason.LowContactRate],
            verdict.Reasons);
        Assert.True(verdict.Severity > dryAndRate.Severity);
        Assert.True(dryAndRate.Severity > idleOnly.Severity);
        Assert.True(idleOnly.Severity > rateOnly.Severity);
    }
}
