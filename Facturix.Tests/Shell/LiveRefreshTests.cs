using Bunit;
using Bunit.TestDoubles;
using Facturix.App.Shell;
using Facturix.Domain.LiveEvents;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Shell;

/// <summary>
/// LiveRefresh through a stand-in page (<see cref="LiveRefreshHost"/>). Time is a fake clock: bursts and throttling are
/// driven by advancing it, never by sleeping.
/// </summary>
public sealed class LiveRefreshTests : BunitContext
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryLiveEvents _events;
    private readonly BunitAuthorizationContext _auth;

    public LiveRefreshTests()
    {
        _events = new InMemoryLiveEvents(receiptClock: _time);
        Services.AddSingleton<ILiveEvents>(_events);
        Services.AddSingleton<TimeProvider>(_time);
        _auth = AddAuthorization(); // as in the app: the authentication state cascades to every component
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<LiveRefreshHost> RenderHost(
        Func<LiveEvent, bool>? when = null, Func<CancellationToken, Task>? reload = null) =>
        Render<LiveRefreshHost>(p =>
        {
            p.Add(h => h.Interval, Interval);
            if (when is not null) p.Add(h => h.When, when);
            if (reload is not null) p.Add(h => h.Reload, reload);
        });

    private static void ExpectReloads(IRenderedComponent<LiveRefreshHost> host, int count) =>
        host.WaitForAssertion(() =>
        {
            Assert.Equal(count, host.Instance.Reloads);
            // The page re-rendered with what the reload set.
            Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), host.Find("[data-testid=reloads]").TextContent);
        });

    private static LeadUpdated AnyEvent() => new(Guid.NewGuid(), Guid.NewGuid());

    [Fact]
    public async Task Nothing_is_subscribed_while_rendering_statically_as_in_a_prerender()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var host = RenderHost();
        await _events.RaiseAsync(AnyEvent());

        Assert.Equal(0, _events.SubscriberCount);
        Assert.Equal(0, host.Instance.Reloads);
    }

    [Fact]
    public async Task It_subscribes_after_the_first_interactive_render_and_reloads_at_once_on_a_relevant_event()
    {
        var host = RenderHost();
        Assert.Equal(1, _events.SubscriberCount);

        await _events.RaiseAsync(AnyEvent());

        ExpectReloads(host, 1); // leading edge: no waiting after a quiet period
    }

    [Fact]
    public async Task A_change_received_while_the_page_loaded_reloads_it_once_subscribed_and_an_older_one_does_not()
    {
        // The page's load starts with its first render, and the subscription waits for the first interactive one.
        await _events.RaiseAsync(new TaskChanged(Guid.NewGuid(), Guid.NewGuid()));
        _time.Advance(LiveRefresh.LoadMargin + TimeSpan.FromSeconds(1));
        var unaffected = RenderHost(when: e => e is TaskChanged);
        Assert.Equal(0, unaffected.Instance.Reloads);

        await _events.RaiseAsync(new AccountChanged(Guid.NewGuid()));
        var catchingUp = RenderHost(when: e => e is AccountChanged);
        var filteredOut = RenderHost(when: _ => false);

        ExpectReloads(catchingUp, 1);
        Assert.Equal(0, filteredOut.Instance.Reloads);
        Assert.Equal(0, unaffected.Instance.Reloads);
    }

    [Fact]
    public async Task Events_the_filter_rejects_do_not_reload()
    {
        var host = RenderHost(when: e => e is AccountChanged);

        await _events.RaiseAsync(new TaskChanged(Guid.NewGuid(), Guid.NewGuid()));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, host.Instance.Reloads);

        await _events.RaiseAsync(new AccountChanged(Guid.NewGuid()));
        ExpectReloads(host, 1);
    }

    [Fact]
    public async Task A_burst_gives_one_reload_at_once_and_one_trailing_reload_after_the_interval()
    {
        var host = RenderHost();

        for (var i = 0; i < 20; i++)
            await _events.RaiseAsync(AnyEvent());
        ExpectReloads(host, 1);

        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, host.Instance.Reloads);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        ExpectReloads(host, 2);

        _time.Advance(TimeSpan.FromSeconds(10));
        ExpectReloads(host, 2); // the whole burst was served: nothing left over

        // After a quiet period the next event is a leading edge again.
        await _events.RaiseAsync(AnyEvent());
        ExpectReloads(host, 3);
    }

    [Fact]
    public async Task Reloads_never_overlap_events_during_a_slow_reload_wait_for_it()
    {
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = RenderHost(reload: _ => slow.Task);

        await _events.RaiseAsync(AnyEvent());
        ExpectReloads(host, 1);
        await _events.RaiseAsync(AnyEvent());
        await _events.RaiseAsync(AnyEvent());
        _time.Advance(Interval * 4);
        Assert.Equal(1, host.Instance.Reloads);

        slow.SetResult();

        ExpectReloads(host, 2);
        Assert.Equal(1, host.Instance.MostRunningAtOnce);
    }

    [Fact]
    public async Task A_resync_reloads_even_when_the_filter_says_no()
    {
        var host = RenderHost(when: _ => false);

        await _events.RaiseAsync(AnyEvent());
        Assert.Equal(0, host.Instance.Reloads);

        await _events.RaiseAsync(new LiveEventsResynced());
        ExpectReloads(host, 1);
    }

    [Fact]
    public async Task Disposing_unsubscribes_cancels_the_running_reload_and_drops_the_pending_one()
    {
        var tokens = new List<CancellationToken>();
        var host = RenderHost(reload: ct =>
        {
            tokens.Add(ct);
            return Task.CompletedTask;
        });
        await _events.RaiseAsync(AnyEvent());
        ExpectReloads(host, 1);
        await _events.RaiseAsync(AnyEvent()); // within the interval: waits for a trailing reload

        await DisposeComponentsAsync();
        _time.Advance(TimeSpan.FromSeconds(10));
        await _events.RaiseAsync(AnyEvent());

        Assert.Equal(0, _events.SubscriberCount);
        Assert.True(Assert.Single(tokens).IsCancellationRequested); // one reload only, and its token says "page left"
    }

    [Fact]
    public async Task A_reload_that_throws_leaves_the_component_working()
    {
        var calls = 0;
        var host = RenderHost(reload: _ => ++calls == 1
            ? throw new InvalidOperationException("database busy")
            : Task.CompletedTask);

        await _events.RaiseAsync(AnyEvent());
        host.WaitForAssertion(() => Assert.Equal(1, calls));

        _time.Advance(Interval);
        await _events.RaiseAsync(AnyEvent());

        host.WaitForAssertion(() => Assert.Equal(2, calls));
        Assert.Equal(1, _events.SubscriberCount);
    }

    [Fact]
    public void A_new_authentication_state_reloads_so_the_page_reads_the_re_resolved_actor()
    {
        _auth.SetAuthorized("someone@facturix.local");
        var host = RenderHost(when: _ => false);

        // What ActorAccessor does once it has re-resolved the viewer's access after an AccessChanged.
        _auth.SetAuthorized("someone@facturix.local");

        ExpectReloads(host, 1);
    }
}
