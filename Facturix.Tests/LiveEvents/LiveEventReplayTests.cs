using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.LiveEvents;
using Facturix.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.LiveEvents;

/// <summary>
/// A new subscriber asks for the events received while its page loaded (ILiveEvents.Subscribe's replayRecent): the real
/// bus on PostgreSQL, its receipt clock a fake one so "recent" does not depend on how fast the machine is. Other test
/// classes publish on the same database meanwhile: the assertions look at this test's own events only.
/// </summary>
public sealed class LiveEventReplayTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private readonly FakeTimeProvider _receiptClock = new();

    private static Func<LiveEvent, Task> Into(List<LiveEvent> received) => e =>
    {
        lock (received) received.Add(e);
        return Task.CompletedTask;
    };

    [Fact]
    public async Task A_new_subscriber_gets_the_events_of_the_window_it_asks_for_in_order_then_the_live_ones()
    {
        await using var own = await DedicatedLiveEventBus.StartAsync(Fixture.ConnectionString, receiptClock: _receiptClock);
        await using var events = new EventRecorder(own.Bus, EventRecorder.PublisherTo(Fixture.ConnectionString));
        AccountChanged old = new(Guid.NewGuid()), first = new(Guid.NewGuid()), second = new(Guid.NewGuid()), live = new(Guid.NewGuid());
        await Fixture.PublishAsync(old);
        await events.WaitForAsync<AccountChanged>(e => e == old);
        _receiptClock.Advance(TimeSpan.FromSeconds(10));
        await Fixture.PublishAsync(first, second);
        await events.WaitForAsync<AccountChanged>(e => e == second);

        var received = new List<LiveEvent>();
        using var subscription = own.Bus.Subscribe(Into(received), replayRecent: TimeSpan.FromSeconds(5));
        var notReplaying = new List<LiveEvent>();
        using var plain = own.Bus.Subscribe(Into(notReplaying));
        await Fixture.PublishAsync(live);

        AccountChanged[] ours = [old, first, second, live];
        await Eventually.HoldsAsync(() => Task.FromResult(Ours(received)), seen => seen.Contains(live), "the live event arrives");
        Assert.Equal([first, second, live], Ours(received));
        await Eventually.HoldsAsync(() => Task.FromResult(Ours(notReplaying)), seen => seen.Contains(live), "the live event arrives");
        Assert.Equal([live], Ours(notReplaying));

        List<LiveEvent> Ours(List<LiveEvent> all)
        {
            lock (all) return all.Where(e => ours.Contains(e)).ToList();
        }
    }

    [Fact]
    public async Task A_subscriber_asking_further_back_than_the_bus_remembers_is_told_to_resync()
    {
        await using var own = await DedicatedLiveEventBus.StartAsync(
            Fixture.ConnectionString, new LiveEventBusOptions { RecentEventsKept = 2 }, _receiptClock);
        await using var events = new EventRecorder(own.Bus, EventRecorder.PublisherTo(Fixture.ConnectionString));
        var last = new AccountChanged(Guid.NewGuid());
        await Fixture.PublishAsync(new AccountChanged(Guid.NewGuid()), new AccountChanged(Guid.NewGuid()), last);
        await events.WaitForAsync<AccountChanged>(e => e == last);

        var received = new List<LiveEvent>();
        using var subscription = own.Bus.Subscribe(Into(received), replayRecent: TimeSpan.FromMinutes(1));

        // A subscriber that cannot take a resync gets nothing rather than a partial history.
        var accountsOnly = new List<LiveEvent>();
        using var narrow = own.Bus.Subscribe<AccountChanged>(e => Into(accountsOnly)(e), replayRecent: TimeSpan.FromMinutes(1));

        await Eventually.HoldsAsync(() => Task.FromResult(Snapshot(received)), seen => seen.Count >= 1, "the subscriber hears something");
        Assert.IsType<LiveEventsResynced>(Snapshot(received)[0]);
        Assert.DoesNotContain(last, Snapshot(received));
        await events.SettleAsync();
        Assert.DoesNotContain(last, Snapshot(accountsOnly));

        static List<LiveEvent> Snapshot(List<LiveEvent> all)
        {
            lock (all) return [.. all];
        }
    }
}
