using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.DemoData;
using PhoneNumbers;

namespace Facturix.Tests.DemoData;

/// <summary>The in-memory demo data set and the identifiers it is made of: no database needed.</summary>
public sealed class DemoDataGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Generation_is_deterministic_for_a_seed_and_differs_for_another()
    {
        var options = DemoSeedOptions.Small(Now);

        var first = DemoDataGenerator.Generate(options);
        var second = DemoDataGenerator.Generate(options);
        var other = DemoDataGenerator.Generate(options with { Seed = options.Seed + 1 });

        Assert.Equal(first.Leads.Select(l => (l.Id, l.Email, l.Phone, l.Status)), second.Leads.Select(l => (l.Id, l.Email, l.Phone, l.Status)));
        Assert.Equal(first.Activities.Select(a => (a.Id, a.OccurredAt, a.Kind, a.Body)), second.Activities.Select(a => (a.Id, a.OccurredAt, a.Kind, a.Body)));
        Assert.Equal(first.Tasks.Select(t => (t.Id, t.Title, t.DueAt)), second.Tasks.Select(t => (t.Id, t.Title, t.DueAt)));
        Assert.NotEqual(first.Leads.Select(l => l.Email), other.Leads.Select(l => l.Email));
    }

    [Fact]
    public void Every_timeline_is_consistent_with_its_lead_and_campaign()
    {
        var data = DemoDataGenerator.Generate(DemoSeedOptions.Small(Now) with { LeadCount = 2_000 });
        var assignments = data.CampaignAssignments.Select(a => (a.CampaignId, a.UserId)).ToHashSet();
        var campaigns = data.Campaigns.ToDictionary(c => c.Id);
        var byLead = data.Activities.ToLookup(a => a.LeadId);

        Assert.Equal(2_000, data.Leads.Count);
        Assert.InRange(data.Activities.Count, 14_000, 16_000);
        Assert.Equal(data.Leads.Count, data.Leads.Select(l => l.Email ?? l.Id.ToString()).Distinct().Count());
        Assert.Equal(data.Leads.Count, data.Leads.Select(l => l.Phone).Distinct().Count());
        foreach (var lead in data.Leads)
        {
            var campaign = campaigns[lead.CampaignId];
            Assert.Equal(campaign.AccountId, lead.AccountId);
            Assert.True(lead.CreatedAt >= campaign.CreatedAt, "A lead is created after its campaign.");
            Assert.Null(lead.LockedById);
            var timeline = byLead[lead.Id].OrderBy(a => a.OccurredAt).ToList();
            if (lead.Status == LeadStatus.New || campaign.State == CampaignState.Draft)
            {
                Assert.Empty(timeline);
                continue;
            }
            Assert.NotEmpty(timeline);
            Assert.Equal(ActivityKind.Call, timeline.First(a => a.Kind != ActivityKind.Note && a.Kind != ActivityKind.Email).Kind);
            Assert.All(timeline, a => Assert.True(a.OccurredAt > lead.CreatedAt && a.OccurredAt <= Now));
            Assert.All(timeline, a => Assert.Contains((campaign.Id, a.UserId!.Value), assignments));
            Assert.Equal(lead.LastContactedAt, timeline.LastOrDefault(a => a.Kind is ActivityKind.Call or ActivityKind.Email or ActivityKind.Meeting)?.OccurredAt);
            var lastStatus = timeline.LastOrDefault(a => a.Kind == ActivityKind.Status);
            if (lead.Status is LeadStatus.Converted or LeadStatus.NotAFit or LeadStatus.DoNotContact or LeadStatus.Interested or LeadStatus.MeetingBooked)
                Assert.Equal(lead.Status, lastStatus!.StatusTo);
            if (lead.Status == LeadStatus.Converted)
                Assert.Contains(timeline, a => a.Kind == ActivityKind.Meeting && a.OccurredAt < lastStatus!.OccurredAt);
            if (lead.Status == LeadStatus.Attempted)
                Assert.All(timeline.Where(a => a.Kind == ActivityKind.Call), a => Assert.Contains(a.Outcome, new CallOutcome?[] { CallOutcome.NoAnswer, CallOutcome.Voicemail }));
        }

        var bds = data.Users.Where(u => u.Role == "BD").Select(u => u.User.Id).ToList();
        Assert.Equal(6, bds.Count);
        foreach (var bd in bds)
            Assert.True(data.Tasks.Count(t => t.AssigneeId == bd && t.CompletedAt is null) >= 10);
        Assert.All(data.Tasks.Where(t => t.CompletedAt is null && t.LeadId is not null),
            t => Assert.InRange(t.DueAt!.Value, Now.AddDays(-6), Now.AddDays(15)));
    }

    [Theory]
    [InlineData(0, 90)]
    [InlineData(500, 2)]
    [InlineData(1_000, 365)]
    public void Unusual_sizes_and_histories_still_give_coherent_data(int leadCount, int activityDays)
    {
        var data = DemoDataGenerator.Generate(DemoSeedOptions.Small(Now) with { LeadCount = leadCount, ActivityDays = activityDays });

        Assert.Equal(leadCount, data.Leads.Count);
        Assert.Equal(8, data.Users.Count);
        Assert.Equal(10, data.Campaigns.Count);
        Assert.InRange(data.Activities.Count, (int)(leadCount * 6.5), (int)(leadCount * 8.5) + 1);
        Assert.All(data.Activities, a => Assert.InRange(a.OccurredAt, Now.AddDays(-activityDays), Now));
        var leads = data.Leads.ToDictionary(l => l.Id);
        Assert.All(data.Activities, a => Assert.True(a.OccurredAt > leads[a.LeadId!.Value].CreatedAt));
        Assert.All(data.Tasks, t => Assert.True(t.CompletedAt is null || t.CompletedAt >= t.CreatedAt));
    }

    [Fact]
    public void Generated_phone_numbers_are_valid_french_numbers()
    {
        var util = PhoneNumberUtil.GetInstance();
        var random = new Random(42);
        for (var i = 0; i < 3_000; i++)
        {
            var phone = DemoIdentifiers.Phone(random, mobile: i % 2 == 0, region: 1 + i % 5);
            Assert.Matches(DemoDataSeederTests.E164France(), phone);
            var parsed = util.Parse(phone, "FR");
            Assert.True(util.IsValidNumber(parsed), $"{phone} is not a valid French number.");
            Assert.Equal(i % 2 == 0 ? PhoneNumberType.MOBILE : PhoneNumberType.FIXED_LINE, util.GetNumberType(parsed));
        }
    }

    [Fact]
    public void Sirens_pass_the_luhn_check()
    {
        var random = new Random(7);
        for (var i = 0; i < 1_000; i++)
        {
            var siren = DemoIdentifiers.Siren(random);
            Assert.Equal(9, siren.Length);
            Assert.True(DemoDataSeederTests.IsLuhnValid(siren), siren);
        }
        Assert.True(DemoIdentifiers.IsLuhnValid("732829320")); // a real SIREN
        Assert.False(DemoIdentifiers.IsLuhnValid("732829321"));
    }

    [Fact]
    public void Ids_are_time_ordered_uuid_v7()
    {
        var random = new Random(1);
        var earlier = DemoIdentifiers.UuidV7(Now, random);
        var later = DemoIdentifiers.UuidV7(Now.AddMilliseconds(1), random);

        Assert.Equal(7, earlier.Version);
        Assert.Equal(7, later.Version);
        Assert.True(string.CompareOrdinal(earlier.ToString(), later.ToString()) < 0);
        Assert.Equal(Guid.CreateVersion7(Now).ToString()[..13], earlier.ToString()[..13]);
    }

    [Fact]
    public void Email_parts_are_lower_case_ascii()
    {
        Assert.Equal("helene", DemoIdentifiers.Ascii("Hélène"));
        Assert.Equal("le-gall", DemoIdentifiers.Ascii("Le Gall", keepDashes: true));
        Assert.Equal("solveo-energie", DemoIdentifiers.Ascii("Solvéo Énergie", keepDashes: true));
        Assert.Equal("loic", DemoIdentifiers.Ascii("Loïc"));
    }

    [Fact]
    public void The_demo_audit_trail_names_its_targets_as_the_services_do()
    {
        var set = DemoDataGenerator.Generate(DemoSeedOptions.Small(Now));

        // The log shows an event's target by this label: without it the demo's rows read "compte client" and nothing else.
        var created = set.AuditEvents.Where(e => e.Action == "account.created").ToList();
        Assert.NotEmpty(created);
        Assert.All(created, e => Assert.Equal(set.Accounts.Single(a => a.Id == e.EntityId).Name, e.TargetLabel));
        Assert.All(set.AuditEvents.Where(e => e.Action == "campaign.state-changed"),
            e => Assert.Equal(set.Campaigns.Single(c => c.Id == e.EntityId).Name, e.TargetLabel));
    }

    [Fact]
    public void This_months_goals_are_set_for_every_bd_and_active_campaign_some_on_track_some_behind()
    {
        var set = DemoDataGenerator.Generate(new DemoSeedOptions { Now = Now, LeadCount = 20_000 });
        var today = AgencyDays.DayOf(Now);
        var month = GoalPeriods.Containing(GoalPeriodUnit.Month, today);
        var bds = set.Users.Where(u => u.Role == Roles.BusinessDeveloper).Select(u => u.User.Id).ToHashSet();
        var active = set.Campaigns.Where(c => c.State == CampaignState.Active).Select(c => c.Id).ToHashSet();

        Assert.Equal(bds, set.Goals.Where(g => g is { SubjectKind: GoalSubject.User, Metric: GoalMetric.Calls }).Select(g => g.SubjectId).ToHashSet());
        Assert.Equal(active, set.Goals.Where(g => g is { SubjectKind: GoalSubject.Campaign, Metric: GoalMetric.Meetings }).Select(g => g.SubjectId).ToHashSet());
        Assert.Equal(bds.Count + active.Count, set.Goals.Count);
        Assert.All(set.Goals, g =>
        {
            Assert.Equal((GoalPeriodUnit.Month, month.From), (g.PeriodUnit, g.PeriodStart));
            Assert.True(g.Target > 0);
            Assert.True(g.CreatedAt <= Now);
        });
        Assert.Equal(set.Goals.Count, set.Goals.Select(g => g.Id).Distinct().Count());

        // Where each BD's calls goal stands today, from the generated calls of the month so far: the demo shows both.
        var standings = set.Goals.Where(g => g.SubjectKind == GoalSubject.User).Select(g =>
        {
            var achieved = set.Activities.Count(a => a.Kind == ActivityKind.Call && a.UserId == g.SubjectId
                && month.Contains(AgencyDays.DayOf(a.OccurredAt)) && a.OccurredAt <= Now);
            return GoalPace.Evaluate(g.Target, achieved, month, today);
        }).ToList();
        Assert.Contains(standings, s => s.OnTrack);
        Assert.Contains(standings, s => s.Behind);
    }
}
