using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.Extensions.Caching.Hybrid;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// Every figure of the overview equals a plain count over <c>activities</c>, <c>leads</c> and <c>tasks</c> (by instants,
/// not through the rollup), for "mine" and "team", for every kind of period, with the previous period alongside.
/// </summary>
public sealed class DashboardMetricsTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private IDashboardService Dashboard => Get<IDashboardService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The fixture's services outlive a test and see no live events here: start every test from an empty cache.
        await Get<HybridCache>().RemoveByTagAsync(DashboardFreshness.AllTag);
    }

    public static TheoryData<PeriodKind> Periods() => new(Enum.GetValues<PeriodKind>());

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Every_figure_equals_a_plain_count_for_my_and_team_scope(PeriodKind kind)
    {
        var seed = await DashboardSeed.CreateAsync(Fixture, Given);
        var today = AgencyDays.Today(Fixture.Clock);
        var period = kind == PeriodKind.Custom
            ? new DashboardPeriod(kind, today.AddDays(-60), today.AddDays(-41))
            : new DashboardPeriod(kind);
        var days = period.Resolve(today);
        Assert.Equal(kind switch
        {
            PeriodKind.Today => 1, PeriodKind.Last7Days => 7, PeriodKind.Last30Days => 30, PeriodKind.ThisMonth => 30, _ => 20,
        }, days.Days);

        // Who asks, for what, and which activities that covers (null: everyone / every campaign).
        var cases = new (Actor Viewer, MetricsScope Scope, Guid? User, Guid[]? Campaigns, Actor[] Tiles)[]
        {
            (seed.Manager, MetricsScope.Team, null, seed.ManagerCampaigns, [seed.Bd1, seed.Bd2]),
            (seed.Manager, MetricsScope.Mine, seed.Manager.UserId, seed.ManagerCampaigns, [seed.Manager]),
            (seed.Bd1, MetricsScope.Mine, seed.Bd1.UserId, seed.ManagerCampaigns, [seed.Bd1]),
            (seed.Bd3, MetricsScope.Mine, seed.Bd3.UserId, [seed.B1.Id], [seed.Bd3]),
            (seed.Admin, MetricsScope.Team, null, null, [seed.Bd1, seed.Bd2, seed.Bd3]),
        };
        foreach (var (viewer, scope, user, campaigns, tiles) in cases)
        {
            var label = $"{viewer.Email} {scope} {kind}";
            var overview = await Dashboard.GetOverviewAsync(viewer, new DashboardQuery(scope, period));

            Assert.Equal(days, overview.Period);
            Assert.Equal(await Dashboard.GetKpisAsync(viewer), overview.Totals);

            var now = await CountAsync(days, user, campaigns);
            var before = await CountAsync(days.Previous, user, campaigns);
            Assert.True(now[0] > 0 || kind == PeriodKind.Today, $"{label}: the seed should give calls to count");
            var a = overview.Activity;
            Assert.Equal(
                [.. now, .. before],
                new[] { a.Calls.Current, a.Contacts.Current, a.Meetings.Current, a.EmailsSent.Current,
                    a.Calls.Previous, a.Contacts.Previous, a.Meetings.Previous, a.EmailsSent.Previous });

            Assert.Equal(tiles.Select(t => t.UserId).Order(), overview.Bds.Select(b => b.UserId).Order());
            foreach (var tile in overview.Bds)
                await AssertTileAsync(tile, days, today, campaigns, label);

            var trendDays = new DayRange(today.AddDays(-29), today);
            Assert.Equal(trendDays.Days, overview.Last30Days.Count);
            for (var i = 0; i < trendDays.Days; i++)
            {
                var day = trendDays.From.AddDays(i);
                var counts = await CountAsync(new DayRange(day, day), user, campaigns);
                Assert.Equal(new TrendPoint(day, (int)counts[0], (int)counts[3]), overview.Last30Days[i]);
            }

            await AssertFunnelAsync(overview.Funnel, campaigns, label);
        }
    }

    private async Task AssertTileAsync(BdTile tile, DayRange days, DateOnly today, Guid[]? campaigns, string label)
    {
        var counts = await CountAsync(days, tile.UserId, campaigns);
        Assert.True(
            (tile.Calls, tile.Contacts, tile.Meetings, tile.Emails) == ((int)counts[0], (int)counts[1], (int)counts[2], (int)counts[3]),
            $"{label}: tile of {tile.Email} was {(tile.Calls, tile.Contacts, tile.Meetings, tile.Emails)}, activities say {string.Join(",", counts)}");
        var done = await DashboardSeed.ScalarAsync(Fixture.ConnectionString,
            "SELECT count(*) FROM tasks WHERE assignee_id = @user AND completed_at >= @start AND completed_at < @end",
            ("user", tile.UserId), ("start", AgencyDays.StartOf(days.From).ToUniversalTime()), ("end", AgencyDays.StartOf(days.To.AddDays(1)).ToUniversalTime()));
        Assert.Equal(done, tile.TasksDone);

        Assert.Equal(14, tile.CallsLast14Days.Count);
        for (var i = 0; i < 14; i++)
        {
            var day = today.AddDays(i - 13);
            Assert.Equal((await CountAsync(new DayRange(day, day), tile.UserId, campaigns))[0], tile.CallsLast14Days[i]);
        }
    }

    private async Task AssertFunnelAsync(Funnel funnel, Guid[]? campaigns, string label)
    {
        await using var db = NewDb();
        var leads = db.Leads.Where(l => campaigns == null || campaigns.Contains(l.CampaignId)).ToList();
        foreach (var category in Enum.GetValues<StatusCategory>())
            Assert.True(leads.Count(l => l.Status.Category() == category) == funnel.Categories.Single(c => c.Category == category).Leads,
                $"{label}: funnel {category}");
        Assert.Equal(leads.Count, funnel.CampaignStatuses.Sum(s => s.Leads));
        Assert.Equal(leads.Count(l => l.CampaignStatusId is null), funnel.CampaignStatuses.Single(s => s.Label is null).Leads);
        // A status name is one row: over several campaigns their statuses of the same name are summed.
        Assert.Equal(funnel.CampaignStatuses.Count, funnel.CampaignStatuses.Select(s => s.Label).Distinct().Count());
    }

    private Task<long[]> CountAsync(DayRange days, Guid? user, Guid[]? campaigns) =>
        DashboardSeed.CountAsync(Fixture.ConnectionString, days, user, campaigns);

    [Fact]
    public async Task A_custom_period_reaching_before_the_cached_window_is_counted_from_the_rollup_alike()
    {
        var seed = await DashboardSeed.CreateAsync(Fixture, Given);
        var today = AgencyDays.Today(Fixture.Clock);
        // 40 days ending 41 days ago: its previous period starts 120 days back, before the pieces' 100 days (decision 0064).
        var days = new DayRange(today.AddDays(-80), today.AddDays(-41));
        Assert.False(Infrastructure.Dashboard.Pieces.DashboardPieces.Window(today).Contains(days.Previous.From));

        foreach (var (viewer, scope, user) in new[] { (seed.Manager, MetricsScope.Team, (Guid?)null), (seed.Bd1, MetricsScope.Mine, seed.Bd1.UserId) })
        {
            var overview = await Dashboard.GetOverviewAsync(viewer, new DashboardQuery(scope, new DashboardPeriod(PeriodKind.Custom, days.From, days.To)));
            var now = await CountAsync(days, user, seed.ManagerCampaigns);
            Assert.True(now[0] > 0, "the seed should give calls to count");
            Assert.Equal(now, new[] { overview.Activity.Calls.Current, overview.Activity.Contacts.Current,
                overview.Activity.Meetings.Current, overview.Activity.EmailsSent.Current });
            foreach (var tile in overview.Bds)
                await AssertTileAsync(tile, days, today, seed.ManagerCampaigns, $"{viewer.Email} {scope}");
        }
    }

    [Fact]
    public async Task Every_campaigns_funnel_sums_statuses_of_the_same_name_and_one_campaigns_keeps_them_apart()
    {
        var seed = await DashboardSeed.CreateAsync(Fixture, Given);
        // Each of the manager's campaigns has its own "Intéressé": 3 leads on A1's, 2 on A2's.
        var statusIds = new Dictionary<Guid, Guid> { [seed.A1.Id] = Guid.CreateVersion7(), [seed.A2.Id] = Guid.CreateVersion7() };
        await using (var db = NewDb())
        {
            foreach (var (campaign, statusId) in statusIds)
                db.CampaignStatuses.Add(new Domain.Campaigns.CampaignStatus
                {
                    Id = statusId, CampaignId = campaign, Key = "interesse", Label = "Intéressé", Stage = LeadStatus.Interested,
                });
            await db.SaveChangesAsync();
            foreach (var (campaign, count) in new[] { (seed.A1.Id, 3), (seed.A2.Id, 2) })
            {
                var picked = seed.Leads[campaign].Take(count).Select(l => l.Id).ToList();
                foreach (var lead in db.Leads.Where(l => picked.Contains(l.Id)))
                {
                    lead.CampaignStatusId = statusIds[campaign];
                    lead.Status = LeadStatus.Interested;
                }
            }
            await db.SaveChangesAsync();
        }

        var all = await Dashboard.GetOverviewAsync(seed.Manager, new DashboardQuery(MetricsScope.Team, DashboardPeriod.Default));
        var one = await Dashboard.GetOverviewAsync(seed.Manager, new DashboardQuery(MetricsScope.Team, DashboardPeriod.Default, seed.A2.Id));

        Assert.Equal(new CampaignStatusCount(null, "Intéressé", 5), all.Funnel.CampaignStatuses.Single(s => s.Label == "Intéressé"));
        Assert.Equal(new CampaignStatusCount(statusIds[seed.A2.Id], "Intéressé", 2), one.Funnel.CampaignStatuses.Single(s => s.Label == "Intéressé"));
        await AssertFunnelAsync(all.Funnel, seed.ManagerCampaigns, "all");
    }

    [Fact]
    public async Task One_campaigns_funnel_counts_its_leads_per_status_category_and_campaign_status()
    {
        var seed = await DashboardSeed.CreateAsync(Fixture, Given);
        var statusId = Guid.CreateVersion7();
        await using (var db = NewDb())
        {
            db.CampaignStatuses.Add(new Domain.Campaigns.CampaignStatus
            {
                Id = statusId, CampaignId = seed.A2.Id, Key = "rdv", Label = "RDV pris", Stage = LeadStatus.MeetingBooked,
            });
            await db.SaveChangesAsync();
            var picked = seed.Leads[seed.A2.Id].Take(4).Select(l => l.Id).ToList();
            foreach (var lead in db.Leads.Where(l => picked.Contains(l.Id)))
            {
                lead.CampaignStatusId = statusId;
                lead.Status = LeadStatus.MeetingBooked;
            }
            await db.SaveChangesAsync();
        }

        var overview = await Dashboard.GetOverviewAsync(seed.Manager,
            new DashboardQuery(MetricsScope.Team, DashboardPeriod.Default, seed.A2.Id));

        Assert.Equal(seed.A2.Id, overview.Funnel.CampaignId);
        Assert.Equal(4, overview.Funnel.CampaignStatuses.Single(s => s.CampaignStatusId == statusId).Leads);
        Assert.Equal("RDV pris", overview.Funnel.CampaignStatuses.Single(s => s.CampaignStatusId == statusId).Label);
        await AssertFunnelAsync(overview.Funnel, [seed.A2.Id], "A2");
        // Another account's campaign is not the manager's to open.
        await Assert.ThrowsAsync<NotFoundException>(() => Dashboard.GetOverviewAsync(seed.Manager,
            new DashboardQuery(MetricsScope.Team, DashboardPeriod.Default, seed.B1.Id)));
    }

    [Fact]
    public async Task A_BD_asking_for_team_figures_is_refused_by_the_service()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);

        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Dashboard.GetOverviewAsync(bd, new DashboardQuery(MetricsScope.Team, DashboardPeriod.Default)));

        Assert.Equal(Capability.AnalyticsTeam, error.Missing);
    }

    [Theory]
    [InlineData(-3, -10, DashboardErrors.PeriodInvalid)]
    [InlineData(null, 0, DashboardErrors.PeriodInvalid)]
    [InlineData(-400, 0, DashboardErrors.PeriodTooLong)]
    public async Task An_invalid_custom_period_is_refused_with_its_code(int? fromBack, int toBack, string code)
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var today = AgencyDays.Today(Fixture.Clock);
        var period = new DashboardPeriod(PeriodKind.Custom, fromBack is { } f ? today.AddDays(f) : null, today.AddDays(toBack));

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Dashboard.GetOverviewAsync(manager, new DashboardQuery(MetricsScope.Mine, period)));

        Assert.Contains(error.Errors, e => e.ErrorCode == code);
    }

    [Fact]
    public async Task Cohorts_count_leads_by_the_agency_week_they_entered_and_those_won()
    {
        var seed = await DashboardSeed.CreateAsync(Fixture, Given);
        // Sunday 21 March 2027 23:30 in Paris is still that week; 23:30 UTC that day is already Monday the 22nd in Paris.
        var created = new[]
        {
            (At: new DateTimeOffset(2027, 3, 21, 22, 30, 0, TimeSpan.Zero), Status: LeadStatus.Converted),
            (At: new DateTimeOffset(2027, 3, 21, 23, 30, 0, TimeSpan.Zero), Status: LeadStatus.New),
            (At: new DateTimeOffset(2027, 3, 15, 8, 0, 0, TimeSpan.Zero), Status: LeadStatus.New),
            (At: new DateTimeOffset(2027, 3, 24, 8, 0, 0, TimeSpan.Zero), Status: LeadStatus.Converted),
            (At: new DateTimeOffset(2027, 3, 28, 12, 0, 0, TimeSpan.Zero), Status: LeadStatus.NotAFit),
        };
        var campaign = await Given.CampaignAsync(seed.AccountA, Domain.Campaigns.CampaignState.Active, seed.Bd1);
        var leads = await Given.LeadsAsync(campaign, created.Length);
        await using (var db = NewDb())
        {
            for (var i = 0; i < created.Length; i++)
            {
                var lead = db.Leads.Single(l => l.Id == leads[i].Id);
                lead.CreatedAt = created[i].At;
                lead.Status = created[i].Status;
            }
            await db.SaveChangesAsync();
        }

        var cohorts = await Dashboard.GetCohortsAsync(await Given.ActorAsync(seed.Bd1.UserId), campaign.Id);

        Assert.Equal(
            [new CohortWeek(new DateOnly(2027, 3, 15), 2, 1), new CohortWeek(new DateOnly(2027, 3, 22), 3, 1)],
            cohorts);
        await Assert.ThrowsAsync<NotFoundException>(() => Dashboard.GetCohortsAsync(seed.Bd3, campaign.Id));
    }
}
