using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Dashboard;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Dashboard;

public sealed class DashboardPageTests() : ShellTestContext(services => services
    .AddSingleton<ILiveEvents>(new InMemoryLiveEvents())
    .AddSingleton<IDashboardService>(new ScriptedDashboard())
    .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero))))
{
    private InMemoryLiveEvents LiveEvents => (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
    private ScriptedDashboard Dashboard => (ScriptedDashboard)Services.GetRequiredService<IDashboardService>();
    private FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    private static readonly Guid CampaignA = Guid.NewGuid();
    private static readonly Guid CampaignB = Guid.NewGuid();
    private static readonly Guid AccountA = Guid.NewGuid();

    /// <summary>Past the live refresh's throttle interval, so the next event reloads at once.</summary>
    private void LetTheRefreshSettle() => Time.Advance(TimeSpan.FromSeconds(1));

    private static ScopeSnapshot Campaigns(params Guid[] ids) => new(false, new HashSet<Guid>(), ids.ToHashSet());

    [Fact]
    public void Tiles_show_skeletons_until_the_numbers_arrive_then_raw_and_formatted_values()
    {
        SignIn(Roles.Admin);
        var pending = Dashboard.NextResult();

        var page = Render<DashboardPage>();
        Assert.Equal("", page.Find("[data-testid=kpi-leads]").GetAttribute("data-value"));
        Assert.NotEmpty(page.FindAll("[data-testid=kpi-leads] .mud-skeleton"));

        pending.SetResult(new KpiSnapshot(Accounts: 5, ActiveCampaigns: 3, Leads: 20_000, ConvertedLeads: 500));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("20000", page.Find("[data-testid=kpi-leads]").GetAttribute("data-value"));
            Assert.Equal("0.025", page.Find("[data-testid=kpi-conversion]").GetAttribute("data-value"));
            Assert.Contains("2,5", page.Find("[data-testid=kpi-conversion]").TextContent); // French decimal comma
        });
    }

    [Fact]
    public void A_live_event_re_queries_and_shows_the_new_numbers_without_reload()
    {
        SignIn(Roles.Manager, scope: new ScopeSnapshot(false, new HashSet<Guid> { AccountA }, new HashSet<Guid>()));
        Dashboard.NextResult().SetResult(new KpiSnapshot(5, 3, 100, 1));
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("5", page.Find("[data-testid=kpi-accounts]").GetAttribute("data-value")));

        Dashboard.NextResult().SetResult(new KpiSnapshot(6, 3, 100, 1));
        _ = LiveEvents.RaiseAsync(new AccountChanged(AccountA));

        page.WaitForAssertion(() => Assert.Equal("6", page.Find("[data-testid=kpi-accounts]").GetAttribute("data-value")));
        Assert.Equal(2, Dashboard.Calls);
    }

    [Fact]
    public async Task Events_that_cannot_move_a_headline_number_do_not_re_query()
    {
        SignIn(Roles.Admin);
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 1, 0));
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(1, Dashboard.Calls));

        await LiveEvents.RaiseAsync(new TaskChanged(Guid.NewGuid(), Guid.NewGuid()));

        Assert.Equal(1, Dashboard.Calls);
    }

    [Fact]
    public void A_failing_query_shows_a_clear_message_instead_of_breaking_the_circuit()
    {
        SignIn(Roles.BusinessDeveloper);
        Dashboard.NextResult().SetException(new TimeoutException("database busy"));

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("Impossible de charger", page.Find("[data-testid=dashboard-error]").TextContent));
        Assert.Contains("Mon périmètre", page.Find("[data-testid=dashboard-scope]").TextContent);
    }

    [Fact]
    public void The_scope_line_says_whole_agency_for_agency_wide_scope()
    {
        SignIn(Roles.Admin);
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 1, 0));

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("Toute l'agence", page.Find("[data-testid=dashboard-scope]").TextContent));
    }

    [Fact]
    public async Task A_BDs_dashboard_ignores_a_campaign_outside_their_scope_and_reloads_for_one_inside_it()
    {
        SignIn(Roles.BusinessDeveloper, scope: Campaigns(CampaignA));
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 10, 0));
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("10", page.Find("[data-testid=kpi-leads]").GetAttribute("data-value")));

        await LiveEvents.RaiseAsync(new LeadUpdated(Guid.NewGuid(), CampaignB));
        await LiveEvents.RaiseAsync(new LeadsImported(CampaignB, 500));
        await LiveEvents.RaiseAsync(new CampaignChanged(CampaignB, Guid.NewGuid()));
        Assert.Equal(1, Dashboard.Calls);

        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 11, 0));
        await LiveEvents.RaiseAsync(new LeadUpdated(Guid.NewGuid(), CampaignA));

        page.WaitForAssertion(() => Assert.Equal("11", page.Find("[data-testid=kpi-leads]").GetAttribute("data-value")));
        Assert.Equal(2, Dashboard.Calls);
    }

    [Fact]
    public async Task After_an_access_change_the_dashboard_reloads_and_follows_the_new_scope()
    {
        SignIn(Roles.BusinessDeveloper, scope: Campaigns(CampaignA));
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 10, 0));
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(1, Dashboard.Calls));

        // Campaign B is assigned to the BD: the access change announces it, the actor is re-resolved.
        Actors.Set(Actor.WithDefaultCapabilities(UserId, "someone@facturix.local", Roles.BusinessDeveloper) with { Scope = Campaigns(CampaignA, CampaignB) });
        await LiveEvents.RaiseAsync(new AccessChanged(Guid.NewGuid())); // someone else's access: not this viewer's
        Assert.Equal(1, Dashboard.Calls);
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 2, 20, 0));
        await LiveEvents.RaiseAsync(new AccessChanged(UserId));
        page.WaitForAssertion(() => Assert.Equal("20", page.Find("[data-testid=kpi-leads]").GetAttribute("data-value")));

        LetTheRefreshSettle();
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 2, 21, 0));
        await LiveEvents.RaiseAsync(new LeadUpdated(Guid.NewGuid(), CampaignB));

        page.WaitForAssertion(() => Assert.Equal("21", page.Find("[data-testid=kpi-leads]").GetAttribute("data-value")));
        Assert.Equal(3, Dashboard.Calls);
    }

    [Fact]
    public async Task A_resync_reloads_whatever_the_scope()
    {
        SignIn(Roles.BusinessDeveloper, scope: Campaigns(CampaignA));
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 10, 0));
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(1, Dashboard.Calls));

        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 12, 0));
        await LiveEvents.RaiseAsync(new LiveEventsResynced());

        page.WaitForAssertion(() => Assert.Equal("12", page.Find("[data-testid=kpi-leads]").GetAttribute("data-value")));
    }

    [Fact]
    public async Task A_burst_of_events_costs_one_query_at_once_and_one_after_the_interval()
    {
        SignIn(Roles.Admin);
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 10, 0));
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(1, Dashboard.Calls));

        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 11, 0));
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 30, 0));
        for (var i = 0; i < 20; i++)
            await LiveEvents.RaiseAsync(new LeadUpdated(Guid.NewGuid(), CampaignA));
        page.WaitForAssertion(() => Assert.Equal("11", page.Find("[data-testid=kpi-leads]").GetAttribute("data-value")));

        LetTheRefreshSettle();

        page.WaitForAssertion(() => Assert.Equal("30", page.Find("[data-testid=kpi-leads]").GetAttribute("data-value")));
        Assert.Equal(3, Dashboard.Calls);
    }

    [Fact]
    public async Task Leaving_the_page_unsubscribes_from_live_events()
    {
        SignIn(Roles.Admin);
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 1, 0));
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(1, Dashboard.Calls));
        var withThePage = LiveEvents.SubscriberCount; // the circuit's ActorAccessor listens too, and outlives the page

        await DisposeComponentsAsync();
        await LiveEvents.RaiseAsync(new LiveEventsResynced());

        Assert.Equal(withThePage - 1, LiveEvents.SubscriberCount);
        Assert.Equal(1, Dashboard.Calls);
    }

    /// <summary>Hands out results in order; each call to GetKpisAsync takes the next one.</summary>
    private sealed class ScriptedDashboard : IDashboardService
    {
        private readonly Queue<TaskCompletionSource<KpiSnapshot>> _results = new();
        private int _calls;
        public int Calls { get { lock (_results) return _calls; } }

        public TaskCompletionSource<KpiSnapshot> NextResult()
        {
            var result = new TaskCompletionSource<KpiSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_results) _results.Enqueue(result);
            return result;
        }

        public Task<DashboardOverview> GetOverviewAsync(Actor actor, DashboardQuery query, CancellationToken ct = default) =>
            throw new NotSupportedException("This page test scripts the KPI snapshot only.");

        public Task<IReadOnlyList<CohortWeek>> GetCohortsAsync(Actor actor, Guid campaignId, CancellationToken ct = default) =>
            throw new NotSupportedException("This page test scripts the KPI snapshot only.");

        public Task<KpiSnapshot> GetKpisAsync(Actor actor, CancellationToken ct = default)
        {
            lock (_results)
            {
                _calls++;
                return _results.Dequeue().Task;
            }
        }
    }
}
