using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard.AtRisk;
using Facturix.Infrastructure.Dashboard.Goals;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// At-risk campaigns through the service (backlog 2.1.6) on a fixed clock, Wednesday 17 June 2026 at noon in Paris, with the
/// default settings (3 idle days, 7 recent days, 60 norm days, 14 days near the end, 20 calls to judge a rate). The
/// figures behind each verdict are checked against plain counts over <c>leads</c> and <c>activities</c>.
/// </summary>
public sealed class AtRiskServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly DateOnly Today = new(2026, 6, 17);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 17, 10, 0, 0, TimeSpan.Zero));

    private IAtRiskService AtRisk => ActivatorUtilities.CreateInstance<AtRiskService>(Fixture.Services, _clock);

    private async Task<Campaign> CampaignAsync(Domain.Accounts.Account account, DateOnly? endsOn, CampaignState state = CampaignState.Active,
        params Actor[] assignees)
    {
        var campaign = await Given.CampaignAsync(account, state, assignees);
        await using var db = NewDb();
        await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.StartsOn, Today.AddDays(-120)).SetProperty(c => c.EndsOn, endsOn).SetProperty(c => c.MaxCallAttempts, 3));
        return campaign;
    }

    /// <summary>One call per (lead, day): <paramref name="days"/> days back from today, each with the given outcome.</summary>
    private async Task CallAsync(Campaign campaign, Actor by, IReadOnlyList<Lead> leads, int daysAgo, CallOutcome outcome, int times = 1)
    {
        var at = AgencyDays.StartOf(Today.AddDays(-daysAgo)).AddHours(10).ToUniversalTime();
        await using var db = NewDb();
        foreach (var lead in leads)
            for (var i = 0; i < times; i++)
                db.Activities.Add(new Activity
                {
                    Id = Guid.CreateVersion7(), LeadId = lead.Id, AccountId = campaign.AccountId, CampaignId = campaign.Id, UserId = by.UserId,
                    Kind = ActivityKind.Call, Outcome = outcome, OccurredAt = at.AddMinutes(i), CreatedAt = at,
                });
        await db.SaveChangesAsync();
    }

    private async Task<int> PlainCallableAsync(Campaign campaign)
    {
        await using var db = NewDb();
        LeadStatus[] open = [.. Enum.GetValues<LeadStatus>().Where(s => s.Category() is StatusCategory.New or StatusCategory.InProgress)];
        return await db.Leads.CountAsync(l => l.CampaignId == campaign.Id && open.Contains(l.Status) && l.CallAttempts < 3);
    }

    private async Task<double> PlainPaceAsync(Campaign campaign)
    {
        await using var db = NewDb();
        var from = AgencyDays.StartOf(Today.AddDays(-6)).ToUniversalTime();
        var calls = await db.Activities.Where(a => a.CampaignId == campaign.Id && a.Kind == ActivityKind.Call && a.OccurredAt >= from)
            .Select(a => new { a.LeadId, a.OccurredAt }).ToListAsync();
        return calls.Select(c => (c.LeadId, AgencyDays.DayOf(c.OccurredAt))).Distinct().Count() / 7.0;
    }

    [Fact]
    public async Task A_quiet_campaign_is_flagged_a_busy_one_is_not_and_paused_or_completed_ones_are_not_looked_at()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var acme = await Given.AccountAsync("Acme");
        var quiet = await CampaignAsync(acme, endsOn: null);
        var busy = await CampaignAsync(acme, endsOn: null);
        var paused = await CampaignAsync(acme, endsOn: null, CampaignState.Paused);
        // Completed with callable leads left and no call for weeks: its work is over, so neither idle nor running dry.
        var completed = await CampaignAsync(acme, endsOn: Today.AddDays(5), CampaignState.Completed);
        var quietLeads = await Given.LeadsAsync(quiet, 50);
        await Given.LeadsAsync(paused, 50);
        await Given.LeadsAsync(completed, 50);
        var busyLeads = await Given.LeadsAsync(busy, 50);
        // Last worked five days ago: Friday to Tuesday make four whole quiet days.
        await CallAsync(quiet, bd, [quietLeads[0]], daysAgo: 5, CallOutcome.Interested);
        await CallAsync(busy, bd, busyLeads.Take(5).ToList(), daysAgo: 1, CallOutcome.NoAnswer);

        var flagged = await AtRisk.GetAtRiskAsync(admin);

        var row = Assert.Single(flagged);
        Assert.Equal(quiet.Id, row.CampaignId);
        Assert.Equal([AtRiskReason.NoRecentActivity], row.Reasons);
        Assert.Equal(Today.AddDays(-5), row.LastActivityOn);
        Assert.Equal("Acme", row.AccountName);
        Assert.Equal(quiet.Name, row.CampaignName);
    }

    [Fact]
    public async Task An_active_campaign_past_its_end_date_is_flagged_as_ended_not_as_quiet()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var acme = await Given.AccountAsync("Acme");
        var ended = await CampaignAsync(acme, endsOn: Today.AddDays(-4));
        var endsToday = await CampaignAsync(acme, endsOn: Today);
        var endedLeads = await Given.LeadsAsync(ended, 20);
        var todayLeads = await Given.LeadsAsync(endsToday, 20);
        // Both quiet for a week: the ended one's silence is expected, the other one still has today to work.
        await CallAsync(ended, bd, [endedLeads[0]], daysAgo: 7, CallOutcome.Interested);
        await CallAsync(endsToday, bd, [todayLeads[0]], daysAgo: 7, CallOutcome.Interested);

        var flagged = await AtRisk.GetAtRiskAsync(admin);

        var endedRow = Assert.Single(flagged, r => r.CampaignId == ended.Id);
        Assert.Equal([AtRiskReason.EndedStillActive], endedRow.Reasons);
        Assert.Equal(Today.AddDays(-4), endedRow.EndsOn);
        Assert.Equal(Today.AddDays(-7), endedRow.LastActivityOn);
        var todayRow = Assert.Single(flagged, r => r.CampaignId == endsToday.Id);
        Assert.Contains(AtRiskReason.NoRecentActivity, todayRow.Reasons);
        Assert.DoesNotContain(AtRiskReason.EndedStillActive, todayRow.Reasons);
        // Closing it is the most pressing: first in the panel.
        Assert.Equal(ended.Id, flagged[0].CampaignId);
    }

    [Fact]
    public async Task A_list_running_dry_before_the_end_date_is_flagged_with_figures_equal_to_plain_counts()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await CampaignAsync(await Given.AccountAsync(), endsOn: Today.AddDays(30));
        var leads = await Given.LeadsAsync(campaign, 30);
        // Not callable: closed, do-not-call, or at the campaign's cap of 3 attempts.
        await Given.LeadsAsync(campaign, 4, LeadStatus.Converted);
        await Given.LeadsAsync(campaign, 3, LeadStatus.DoNotContact);
        await Given.LeadsAsync(campaign, 2, LeadStatus.NotAFit);
        await using (var db = NewDb())
        {
            var capped = leads.Take(6).Select(l => l.Id).ToList();
            await db.Leads.Where(l => capped.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.CallAttempts, 3));
            var attempted = leads.Skip(6).Take(4).Select(l => l.Id).ToList();
            await db.Leads.Where(l => attempted.Contains(l.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.CallAttempts, 1).SetProperty(l => l.Status, LeadStatus.Attempted));
        }
        // 14 lead-days over the last 7 days: 2 leads a day (a lead dialled three times the same day counts once).
        for (var day = 0; day < 7; day++)
            await CallAsync(campaign, bd, leads.Skip(day * 2).Take(2).ToList(), daysAgo: day, CallOutcome.NoAnswer, times: day == 0 ? 3 : 1);
        // Older calls do not set today's pace.
        await CallAsync(campaign, bd, leads.Take(10).ToList(), daysAgo: 8, CallOutcome.NoAnswer);

        var row = Assert.Single(await AtRisk.GetAtRiskAsync(admin));

        Assert.Equal(await PlainCallableAsync(campaign), row.CallableLeadsLeft);
        Assert.Equal(24, row.CallableLeadsLeft);
        Assert.Equal(await PlainPaceAsync(campaign), row.DailyPace, precision: 9);
        Assert.Equal(2, row.DailyPace, precision: 9);
        // 24 leads at 2 a day: 12 days, today included.
        Assert.Equal(Today.AddDays(11), row.ExhaustedOn);
        Assert.Equal([AtRiskReason.ListRunningDry], row.Reasons);
        Assert.Equal(Today.AddDays(30), row.EndsOn);
    }

    [Fact]
    public async Task A_contact_rate_far_below_the_campaigns_own_norm_is_flagged()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var low = await CampaignAsync(await Given.AccountAsync(), endsOn: null);
        var steady = await CampaignAsync(await Given.AccountAsync(), endsOn: null);
        foreach (var campaign in new[] { low, steady })
        {
            var leads = await Given.LeadsAsync(campaign, 400);
            // Norm (8 to 67 days ago): 40 calls, 20 contacts. Recent: 20 calls each day for the last two days.
            await CallAsync(campaign, bd, leads.Take(20).ToList(), daysAgo: 20, CallOutcome.Interested);
            await CallAsync(campaign, bd, leads.Skip(20).Take(20).ToList(), daysAgo: 30, CallOutcome.NoAnswer);
            var contacts = campaign == low ? 3 : 10;
            await CallAsync(campaign, bd, leads.Skip(40).Take(contacts).ToList(), daysAgo: 1, CallOutcome.CallBack);
            await CallAsync(campaign, bd, leads.Skip(60).Take(20 - contacts).ToList(), daysAgo: 1, CallOutcome.Voicemail);
            await CallAsync(campaign, bd, leads.Skip(80).Take(20).ToList(), daysAgo: 0, CallOutcome.NoAnswer);
        }

        var row = Assert.Single(await AtRisk.GetAtRiskAsync(admin));

        Assert.Equal(low.Id, row.CampaignId);
        Assert.Equal([AtRiskReason.LowContactRate], row.Reasons);
        Assert.Equal(3 / 40.0, row.RecentContactRate!.Value, precision: 9);
        Assert.Equal(0.5, row.NormContactRate!.Value, precision: 9);
    }

    [Fact]
    public async Task A_campaign_goal_behind_pace_near_the_end_date_is_flagged()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var account = await Given.AccountAsync();
        manager = await Given.AssignAccountAsync(manager, account);
        var endingBehind = await CampaignAsync(account, endsOn: Today.AddDays(10));
        var endingOnPace = await CampaignAsync(account, endsOn: Today.AddDays(10));
        var farBehind = await CampaignAsync(account, endsOn: Today.AddDays(60));
        var goals = ActivatorUtilities.CreateInstance<GoalService>(Fixture.Services, _clock);
        foreach (var campaign in new[] { endingBehind, endingOnPace, farBehind })
        {
            var leads = await Given.LeadsAsync(campaign, 300);
            await CallAsync(campaign, bd, leads.Take(campaign == endingOnPace ? 10 : 2).ToList(), daysAgo: 1, CallOutcome.MeetingBooked);
            // Monday to Tuesday are over: 2/7 of 14 = 4 meetings expected by now.
            await goals.CreateAsync(manager, new GoalInput
            {
                SubjectKind = GoalSubject.Campaign, SubjectId = campaign.Id, Metric = GoalMetric.Meetings, PeriodUnit = GoalPeriodUnit.Week,
                PeriodStart = new DateOnly(2026, 6, 15), Target = 14,
            });
        }

        var row = Assert.Single(await AtRisk.GetAtRiskAsync(manager));

        Assert.Equal(endingBehind.Id, row.CampaignId);
        Assert.Equal([AtRiskReason.GoalBehindPace], row.Reasons);
    }

    [Fact]
    public async Task The_most_severe_campaign_comes_first_and_people_see_only_their_campaigns()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var outsider = await Given.UserAsync(Roles.BusinessDeveloper);
        var account = await Given.AccountAsync();
        var elsewhere = await Given.AccountAsync();
        manager = await Given.AssignAccountAsync(manager, account);
        var quiet = await CampaignAsync(account, endsOn: null, CampaignState.Active, bd);
        var quietAndDry = await CampaignAsync(account, endsOn: Today.AddDays(20));
        var theirs = await CampaignAsync(elsewhere, endsOn: null, CampaignState.Active, outsider);
        await Given.LeadsAsync(quiet, 10);
        await Given.LeadsAsync(theirs, 10);
        bd = await Given.ActorAsync(bd.UserId);

        var forManager = await AtRisk.GetAtRiskAsync(manager);
        var forBd = await AtRisk.GetAtRiskAsync(bd);
        var forOutsider = await AtRisk.GetAtRiskAsync(await Given.ActorAsync(outsider.UserId));

        Assert.Equal([quietAndDry.Id, quiet.Id], forManager.Select(r => r.CampaignId));
        Assert.Equal([AtRiskReason.NoRecentActivity, AtRiskReason.ListRunningDry], forManager[0].Reasons);
        Assert.Equal(Today, forManager[0].ExhaustedOn);
        Assert.Equal(quiet.Id, Assert.Single(forBd).CampaignId);
        Assert.Equal(theirs.Id, Assert.Single(forOutsider).CampaignId);
    }

    /// <summary>
    /// The callable count's predicates must stay implied by the queue's partial indexes (the same text), so the planner may
    /// serve it from them. Which index wins on a few thousand rows is the planner's call, so for the EXPLAIN (in a
    /// transaction rolled back) sequential and bitmap scans are off and the other indexes leading with campaign_id are
    /// dropped: if the partial indexes could not serve the count, it would fall back to something else and fail here.
    /// </summary>
    [Fact]
    public async Task A_deactivated_user_is_refused()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await using (var db = NewDb())
            await db.Users.Where(u => u.Id == bd.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DeactivatedAt, DateTimeOffset.UtcNow));

        var error = await Assert.ThrowsAsync<ForbiddenException>(async () => await AtRisk.GetAtRiskAsync(await Given.ActorAsync(bd.UserId)));

        Assert.Equal(ErrorCodes.ForbiddenInactive, error.Code);
    }
}
