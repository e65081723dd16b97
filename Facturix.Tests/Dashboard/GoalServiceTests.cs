using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard.Goals;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// Goals through the service (backlog 2.1.7, 2.5.4) on a fixed clock: Wednesday 17 June 2026, noon in Paris. Progress is
/// checked against plain counts over <c>activities</c>, not the rollup the service reads.
/// </summary>
public sealed class GoalServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly DateOnly Today = new(2026, 6, 17);
    private static readonly DateOnly Monday = new(2026, 6, 15);
    private static readonly DateOnly June = new(2026, 6, 1);
    private static readonly DateOnly Q2 = new(2026, 4, 1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 17, 10, 0, 0, TimeSpan.Zero));

    private IGoalService Goals => ActivatorUtilities.CreateInstance<GoalService>(Fixture.Services, _clock);

    private sealed record Floor(Actor Admin, Actor Manager, Actor OtherManager, Actor Bd1, Actor Bd2, Account Account, Campaign Campaign,
        Lead Lead, Account OtherAccount, Campaign OtherCampaign);

    private async Task<Floor> FloorAsync()
    {
        var account = await Given.AccountAsync("Acme");
        var otherAccount = await Given.AccountAsync("Globex");
        var bd1 = await Given.UserAsync(Roles.BusinessDeveloper);
        var bd2 = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(account, CampaignState.Active, bd1, bd2);
        var otherCampaign = await Given.CampaignAsync(otherAccount, CampaignState.Active);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var otherManager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), otherAccount);
        return new Floor(await Given.UserAsync(Roles.Admin), manager, otherManager, await Given.ActorAsync(bd1.UserId),
            await Given.ActorAsync(bd2.UserId), account, campaign, lead, otherAccount, otherCampaign);
    }

    private static GoalInput For(GoalSubject kind, Guid id, GoalMetric metric = GoalMetric.Calls, GoalPeriodUnit unit = GoalPeriodUnit.Week,
        int target = 100) => new()
    {
        SubjectKind = kind, SubjectId = id, Metric = metric, PeriodUnit = unit, Target = target,
        PeriodStart = GoalPeriods.StartOf(unit, Today),
    };

    /// <summary>An activity at 10:00 Paris time on <paramref name="day"/>.</summary>
    private async Task LogAsync(Floor f, Actor by, DateOnly day, ActivityKind kind, CallOutcome? outcome = null, LeadStatus? statusTo = null,
        Campaign? campaign = null)
    {
        var at = AgencyDays.StartOf(day).AddHours(10).ToUniversalTime();
        campaign ??= f.Campaign;
        var lead = campaign == f.Campaign ? f.Lead.Id : (await Given.LeadsAsync(campaign, 1)).Single().Id;
        await using var db = NewDb();
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(), LeadId = lead, AccountId = campaign.AccountId, CampaignId = campaign.Id, UserId = by.UserId,
            Kind = kind, Outcome = outcome, StatusTo = statusTo, OccurredAt = at, CreatedAt = at,
        });
        await db.SaveChangesAsync();
    }

    private async Task SeedWorkAsync(Floor f)
    {
        // bd1: last week (outside the week goal, inside the month and the quarter), this week, today.
        await LogAsync(f, f.Bd1, Monday.AddDays(-2), ActivityKind.Call, CallOutcome.Interested);
        await LogAsync(f, f.Bd1, Monday, ActivityKind.Call, CallOutcome.NoAnswer);
        await LogAsync(f, f.Bd1, Monday, ActivityKind.Call, CallOutcome.MeetingBooked);
        await LogAsync(f, f.Bd1, Today, ActivityKind.Call, CallOutcome.CallBack);
        await LogAsync(f, f.Bd1, Today, ActivityKind.Status, statusTo: LeadStatus.Converted);
        await LogAsync(f, f.Bd1, Today, ActivityKind.Note);
        // bd1 on another client's campaign: counts for bd1's own goals, not for Acme's.
        await LogAsync(f, f.Bd1, Today, ActivityKind.Call, CallOutcome.Interested, campaign: f.OtherCampaign);
        // bd2 on Acme: this week and in May (before the month, inside the quarter).
        await LogAsync(f, f.Bd2, Today.AddDays(-1), ActivityKind.Call, CallOutcome.MeetingBooked);
        await LogAsync(f, f.Bd2, new DateOnly(2026, 5, 20), ActivityKind.Call, CallOutcome.NotAFit);
        await LogAsync(f, f.Bd2, new DateOnly(2026, 3, 31), ActivityKind.Call, CallOutcome.Interested); // last quarter
    }

    /// <summary>The plain count over <c>activities</c> for one goal: the independent figure the service must match.</summary>
    private async Task<int> PlainCountAsync(GoalSubject kind, Guid subject, GoalMetric metric, DayRange period)
    {
        await using var db = NewDb();
        var from = AgencyDays.StartOf(period.From).ToUniversalTime();
        var to = AgencyDays.StartOf((period.To < Today ? period.To : Today).AddDays(1)).ToUniversalTime();
        var activities = db.Activities.Where(a => a.OccurredAt >= from && a.OccurredAt < to);
        activities = kind switch
        {
            GoalSubject.User => activities.Where(a => a.UserId == subject),
            GoalSubject.Campaign => activities.Where(a => a.CampaignId == subject),
            _ => activities.Where(a => db.Campaigns.Any(c => c.Id == a.CampaignId && c.AccountId == subject)),
        };
        CallOutcome[] contacts = [CallOutcome.Interested, CallOutcome.NotAFit, CallOutcome.MeetingBooked, CallOutcome.CallBack];
        return metric switch
        {
            GoalMetric.Calls => await activities.CountAsync(a => a.Kind == ActivityKind.Call),
            GoalMetric.Contacts => await activities.CountAsync(a => a.Kind == ActivityKind.Call && a.Outcome != null && contacts.Contains(a.Outcome.Value)),
            GoalMetric.Meetings => await activities.CountAsync(a => a.Kind == ActivityKind.Call && a.Outcome == CallOutcome.MeetingBooked),
            _ => await activities.CountAsync(a => a.Kind == ActivityKind.Status && a.StatusTo == LeadStatus.Converted),
        };
    }

    [Fact]
    public async Task Progress_and_pace_equal_plain_counts_for_every_kind_of_subject_metric_and_period()
    {
        var f = await FloorAsync();
        await SeedWorkAsync(f);
        GoalInput[] inputs =
        [
            For(GoalSubject.User, f.Bd1.UserId, GoalMetric.Calls, GoalPeriodUnit.Week, 20),
            For(GoalSubject.User, f.Bd1.UserId, GoalMetric.Contacts, GoalPeriodUnit.Month, 30),
            For(GoalSubject.User, f.Bd1.UserId, GoalMetric.Conversions, GoalPeriodUnit.Quarter, 5),
            For(GoalSubject.Campaign, f.Campaign.Id, GoalMetric.Meetings, GoalPeriodUnit.Week, 4),
            For(GoalSubject.Campaign, f.Campaign.Id, GoalMetric.Contacts, GoalPeriodUnit.Quarter, 10),
            For(GoalSubject.Account, f.Account.Id, GoalMetric.Calls, GoalPeriodUnit.Month, 40),
            For(GoalSubject.Account, f.Account.Id, GoalMetric.Contacts, GoalPeriodUnit.Quarter, 2),
        ];
        foreach (var input in inputs)
            await Goals.CreateAsync(f.Manager, input);

        var progress = await Goals.GetCurrentAsync(f.Manager, MetricsScope.Team);

        Assert.Equal(inputs.Length, progress.Count);
        foreach (var p in progress)
        {
            var period = GoalPeriods.Range(p.PeriodUnit, p.PeriodStart);
            var expected = await PlainCountAsync(p.SubjectKind, p.SubjectId, p.Metric, period);
            Assert.True(expected == p.Achieved, $"{p.SubjectKind} {p.Metric} {p.PeriodUnit}: {p.Achieved}, plain count {expected}");
            var daysLeft = period.To.DayNumber - Today.DayNumber + 1;
            Assert.Equal(Math.Max(0, p.Target - expected) / (double)daysLeft, p.PaceNeededPerDay, precision: 9);
            Assert.Equal(period.To, p.PeriodEnd);
        }
        // The figures themselves, so a rule change on both sides still shows here.
        Assert.Equal(4, Single(progress, GoalSubject.User, GoalMetric.Calls).Achieved); // Monday x2, today x2 (not Saturday's)
        Assert.Equal(1, Single(progress, GoalSubject.User, GoalMetric.Conversions).Achieved);
        Assert.Equal(2, Single(progress, GoalSubject.Campaign, GoalMetric.Meetings).Achieved);
        Assert.Equal(5, Single(progress, GoalSubject.Account, GoalMetric.Calls).Achieved); // June on Acme: not May, not Globex
        // Week goal of 20 calls: Monday and Tuesday over (2/7 of 20 = 5.7 expected), 4 done: behind, 16 over 5 days.
        var weekCalls = Single(progress, GoalSubject.User, GoalMetric.Calls);
        Assert.False(weekCalls.OnTrack);
        Assert.Equal(16 / 5.0, weekCalls.PaceNeededPerDay, precision: 9);
        Assert.Equal(f.Bd1.DisplayName, weekCalls.SubjectName);
        Assert.Equal("Acme", Single(progress, GoalSubject.Account, GoalMetric.Calls).SubjectName);
    }

    private static GoalProgress Single(IEnumerable<GoalProgress> progress, GoalSubject kind, GoalMetric metric) =>
        progress.Single(p => p.SubjectKind == kind && p.Metric == metric);

    [Fact]
    public async Task Mine_is_my_own_goals_and_those_of_the_campaigns_and_accounts_I_work_on_team_is_everything_in_scope()
    {
        var f = await FloorAsync();
        var bd1Goal = await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId));
        var bd2Goal = await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd2.UserId));
        var campaignGoal = await Goals.CreateAsync(f.Manager, For(GoalSubject.Campaign, f.Campaign.Id));
        var accountGoal = await Goals.CreateAsync(f.Manager, For(GoalSubject.Account, f.Account.Id));
        var elsewhere = await Goals.CreateAsync(f.OtherManager, For(GoalSubject.Campaign, f.OtherCampaign.Id));
        var managerOwn = await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Manager.UserId));

        async Task<Guid[]> Ids(Actor actor, MetricsScope scope) =>
            (await Goals.GetCurrentAsync(actor, scope)).Select(p => p.GoalId).Order().ToArray();

        Assert.Equal(new[] { bd1Goal, campaignGoal, accountGoal }.Order(), await Ids(f.Bd1, MetricsScope.Mine));
        Assert.Equal(new[] { managerOwn, campaignGoal, accountGoal }.Order(), await Ids(f.Manager, MetricsScope.Mine));
        Assert.Equal(new[] { bd1Goal, bd2Goal, managerOwn, campaignGoal, accountGoal }.Order(), await Ids(f.Manager, MetricsScope.Team));
        Assert.Equal(new[] { elsewhere }, await Ids(f.OtherManager, MetricsScope.Team));
        Assert.Equal(6, (await Ids(f.Admin, MetricsScope.Team)).Length);
        Assert.Empty(await Ids(f.Admin, MetricsScope.Mine)); // agency scope is not "working on" a campaign
    }

    [Fact]
    public async Task A_BD_is_refused_team_goals_and_setting_goals()
    {
        var f = await FloorAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => Goals.GetCurrentAsync(f.Bd1, MetricsScope.Team));
        await Assert.ThrowsAsync<ForbiddenException>(() => Goals.CreateAsync(f.Bd1, For(GoalSubject.User, f.Bd1.UserId)));
        await using var db = NewDb();
        Assert.Equal(0, await db.Goals.CountAsync());
    }

    [Fact]
    public async Task Only_the_goals_whose_period_contains_today_are_current()
    {
        var f = await FloorAsync();
        var current = await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId));
        await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId) with { PeriodStart = Monday.AddDays(-7) });
        await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId) with { PeriodStart = Monday.AddDays(7) });
        await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId, unit: GoalPeriodUnit.Month) with { PeriodStart = new DateOnly(2026, 5, 1) });

        var progress = await Goals.GetCurrentAsync(f.Bd1, MetricsScope.Mine);

        Assert.Equal(current, Assert.Single(progress).GoalId);
    }

    [Fact]
    public async Task A_subject_outside_the_managers_scope_is_not_found_and_nothing_is_written()
    {
        var f = await FloorAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => Goals.CreateAsync(f.Manager, For(GoalSubject.Campaign, f.OtherCampaign.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Goals.CreateAsync(f.Manager, For(GoalSubject.Account, f.OtherAccount.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Goals.CreateAsync(f.OtherManager, For(GoalSubject.User, f.Bd1.UserId)));
        await Assert.ThrowsAsync<NotFoundException>(() => Goals.CreateAsync(f.Manager, For(GoalSubject.User, Guid.NewGuid())));
        var theirs = await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId));
        await Assert.ThrowsAsync<NotFoundException>(() => Goals.DeleteAsync(f.OtherManager, theirs));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Goals.UpdateAsync(f.OtherManager, theirs, For(GoalSubject.User, f.Bd1.UserId, target: 5), 0));

        await using var db = NewDb();
        Assert.Equal(100, (await db.Goals.SingleAsync()).Target);
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_its_codes()
    {
        var f = await FloorAsync();

        var misaligned = await Assert.ThrowsAsync<ValidationException>(() =>
            Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId) with { PeriodStart = Today, Target = 0 }));
        Assert.Equal([GoalErrors.PeriodStartMisaligned, GoalErrors.TargetRange], misaligned.Errors.Select(e => e.ErrorCode).Order());
        var noSubject = await Assert.ThrowsAsync<ValidationException>(() => Goals.CreateAsync(f.Manager, For(GoalSubject.User, Guid.Empty)));
        Assert.Equal(GoalErrors.SubjectRequired, Assert.Single(noSubject.Errors).ErrorCode);

        await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId));
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() =>
            Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId, target: 50)));
        Assert.Equal(GoalErrors.Duplicate, Assert.Single(duplicate.Errors).ErrorCode);
        // Another metric, or the same metric over the month, is another goal.
        await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId, GoalMetric.Meetings));
        await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId, unit: GoalPeriodUnit.Month));
        await using var db = NewDb();
        Assert.Equal(3, await db.Goals.CountAsync());
    }

    [Fact]
    public async Task Create_update_and_delete_are_audited_and_announced()
    {
        var f = await FloorAsync();
        await using var events = await Fixture.RecordEventsAsync();

        var id = await Goals.CreateAsync(f.Manager, For(GoalSubject.Campaign, f.Campaign.Id, target: 30));
        await events.WaitForAsync<GoalsChanged>(e => e.GoalId == id && e.SubjectId == f.Campaign.Id && e.SubjectKind == GoalSubject.Campaign);
        var version = (await Goals.GetCurrentAsync(f.Manager, MetricsScope.Team)).Single().Version;
        await Goals.UpdateAsync(f.Manager, id, For(GoalSubject.Campaign, f.Campaign.Id, target: 45), version);
        await Goals.DeleteAsync(f.Manager, id);
        await events.SettleAsync();

        await using var db = NewDb();
        var audit = await db.AuditEvents.Where(e => e.EntityId == id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["goal.created", "goal.updated", "goal.deleted"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(f.Manager.UserId, e.ActorId));
        Assert.All(audit, e => Assert.Equal(f.Campaign.Name, e.TargetLabel));
        using (var details = System.Text.Json.JsonDocument.Parse(audit[1].Details!))
        {
            Assert.Equal(30, details.RootElement.GetProperty("before").GetProperty("target").GetInt32());
            Assert.Equal(45, details.RootElement.GetProperty("after").GetProperty("target").GetInt32());
        }
        Assert.False(await db.Goals.AnyAsync());
        Assert.Equal(3, events.Received.OfType<GoalsChanged>().Count(e => e.GoalId == id));
        // Each carries the campaign's account: a dashboard whose scope predates the campaign finds it through it.
        Assert.All(events.Received.OfType<GoalsChanged>().Where(e => e.GoalId == id), e => Assert.Equal(f.Campaign.AccountId, e.AccountId));
    }

    [Fact]
    public async Task An_update_from_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var f = await FloorAsync();
        var id = await Goals.CreateAsync(f.Manager, For(GoalSubject.User, f.Bd1.UserId, target: 10));
        var read = (await Goals.GetCurrentAsync(f.Manager, MetricsScope.Team)).Single().Version;
        await Goals.UpdateAsync(f.Admin, id, For(GoalSubject.User, f.Bd1.UserId, target: 20), read);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            Goals.UpdateAsync(f.Manager, id, For(GoalSubject.User, f.Bd1.UserId, target: 30), read));

        Assert.Equal(ErrorCodes.Concurrency, conflict.Code);
        await using var db = NewDb();
        Assert.Equal(20, (await db.Goals.SingleAsync()).Target);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "goal.updated"));
    }
}
