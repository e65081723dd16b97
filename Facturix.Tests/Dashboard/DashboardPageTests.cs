using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Dashboard;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Components;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Dashboard;

public sealed class DashboardPageTests() : ShellTestContext(services => services
    .AddSingleton<ILiveEvents>(new InMemoryLiveEvents())
    .AddSingleton<IDashboardService>(new ScriptedDashboard()))
{
    private InMemoryLiveEvents LiveEvents => (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
    private ScriptedDashboard Dashboard => (ScriptedDashboard)Services.GetRequiredService<IDashboardService>();

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
        SignIn(Roles.Manager);
        Dashboard.NextResult().SetResult(new KpiSnapshot(5, 3, 100, 1));
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("5", page.Find("[data-testid=kpi-accounts]").GetAttribute("data-value")));

        Dashboard.NextResult().SetResult(new KpiSnapshot(6, 3, 100, 1));
        _ = LiveEvents.RaiseAsync(new AccountChanged(Guid.NewGuid()));

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
        Assert.Contains("Mes campagnes", page.Find("[data-testid=dashboard-scope]").TextContent);
    }

    [Fact]
    public async Task Leaving_the_page_unsubscribes_from_live_events()
    {
        SignIn(Roles.Admin);
        Dashboard.NextResult().SetResult(new KpiSnapshot(1, 1, 1, 0));
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.True(LiveEvents.SubscriberCount > 0));

        await DisposeComponentsAsync();

        Assert.Equal(0, LiveEvents.SubscriberCount);
    }

    /// <summary>Hands out results in order; each call to GetKpisAsync takes the next one.</summary>
    private sealed class ScriptedDashboard : IDashboardService
    {
        private readonly Queue<TaskCompletionSource<KpiSnapshot>> _results = new();
        public int Calls { get; private set; }

        public TaskCompletionSource<KpiSnapshot> NextResult()
        {
            var result = new TaskCompletionSource<KpiSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_results) _results.Enqueue(result);
            return result;
        }

        public Task<KpiSnapshot> GetKpisAsync(Actor actor, CancellationToken ct = default)
        {
            Calls++;
            lock (_results) return _results.Dequeue().Task;
        }
    }
}
