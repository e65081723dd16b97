using Facturix.Domain.Accounts;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.LiveEvents;
using Facturix.Tests.Support;
using Npgsql;

namespace Facturix.Tests.LiveEvents;

public sealed class LiveEventBusTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task A_committed_change_reaches_subscribers()
    {
        await using var events = await Fixture.RecordEventsAsync();
        var admin = await Given.UserAsync(Roles.Admin);

        var id = await Get<IAccountService>().CreateAsync(admin, new AccountInput { Name = "Acme" });

        await events.WaitForAsync<AccountChanged>(e => e.AccountId == id);
    }

    [Fact]
    public async Task A_rolled_back_change_is_never_announced()
    {
        await using var events = await Fixture.RecordEventsAsync();
        var id = Guid.NewGuid();

        await using (var db = NewDb())
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.Publish(new AccountChanged(id));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }

        await events.AssertNoneAsync<AccountChanged>(e => e.AccountId == id);
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        await using var events = await Fixture.RecordEventsAsync();
        var count = 0;
        var subscription = bus.Subscribe<AccountChanged>(_ => { Interlocked.Increment(ref count); return Task.CompletedTask; });
        subscription.Dispose();

        await Fixture.PublishAsync(new AccountChanged(Guid.NewGuid()));

        await events.SettleAsync();
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Starting_live_events_twice_delivers_each_event_once()
    {
        var first = await Fixture.StartLiveEventsAsync();
        var second = await Fixture.StartLiveEventsAsync();
        await using var events = await Fixture.RecordEventsAsync();
        var id = Guid.NewGuid();

        await Fixture.PublishAsync(new AccountChanged(id));

        await events.SettleAsync();
        Assert.Same(first, second);
        Assert.Single(events.Received, e => e is AccountChanged a && a.AccountId == id);
    }

    [Fact]
    public async Task Malformed_payloads_are_skipped_and_the_listener_keeps_its_connection()
    {
        await using var events = await Fixture.RecordEventsAsync();
        string[] garbage =
        [
            "garbage", "", "null", "42", "[]", "{}", "{\"type\":\"no-such-event\"}", "{\"type\":null}",
            "{\"type\":\"lead-locked\",\"LeadId\":\"not-a-guid\"}", "{\"AccountId\":\"" + Guid.NewGuid() + "\"}",
            new string('[', 5000),
        ];
        await using (var connection = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var payload in garbage)
            {
                await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                notify.Parameters.AddWithValue("channel", FacturixDb.LiveEventChannel);
                notify.Parameters.AddWithValue("payload", payload);
                await notify.ExecuteNonQueryAsync();
            }
        }
        var id = Guid.NewGuid();

        await Fixture.PublishAsync(new AccountChanged(id));

        await events.WaitForAsync<AccountChanged>(e => e.AccountId == id);
        // A resync would mean the listener lost its connection over the garbage.
        await events.AssertNoneAsync<LiveEventsResynced>();
        Assert.Single(events.Received);
    }

    [Fact]
    public async Task A_blocked_subscriber_does_not_delay_the_others()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blockedOnFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var blocked = bus.Subscribe<AccountChanged>(async _ =>
        {
            blockedOnFirst.TrySetResult();
            await release.Task;
        });
        await using var events = await Fixture.RecordEventsAsync();
        var before = Guid.NewGuid();
        var after = Guid.NewGuid();

        await Fixture.PublishAsync(new AccountChanged(before));
        await blockedOnFirst.Task.WaitAsync(EventRecorder.DefaultTimeout);
        await Fixture.PublishAsync(new AccountChanged(after));

        await events.WaitForAsync<AccountChanged>(e => e.AccountId == after);
        release.SetResult();
    }

    [Fact]
    public async Task A_subscriber_that_throws_still_gets_the_next_event()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        var seen = new List<Guid>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        using var failing = bus.Subscribe<AccountChanged>(e =>
        {
            lock (seen) seen.Add(e.AccountId);
            if (e.AccountId == ids[1]) second.TrySetResult();
            throw new InvalidOperationException("a buggy page");
        });

        await Fixture.PublishAsync(new AccountChanged(ids[0]));
        await Fixture.PublishAsync(new AccountChanged(ids[1]));

        await second.Task.WaitAsync(EventRecorder.DefaultTimeout);
        lock (seen) Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task A_subscriber_whose_queue_overflows_loses_the_newest_events_and_is_resynced_once_it_catches_up()
    {
        await using var own = await DedicatedLiveEventBus.StartAsync(
            Fixture.ConnectionString, new LiveEventBusOptions { SubscriberQueueCapacity = 4 });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resynced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowReceived = new List<LiveEvent>();
        using var slow = own.Bus.Subscribe<LiveEvent>(async e =>
        {
            lock (slowReceived) slowReceived.Add(e);
            if (e is LiveEventsResynced) resynced.TrySetResult();
            busy.TrySetResult();
            await release.Task;
        });
        // Only the witness's queue (capacity 4 too) sees the marker, so it cannot overflow.
        var marker = new TaskChanged(Guid.NewGuid(), Guid.NewGuid());
        var witnessed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var witness = own.Bus.Subscribe<TaskChanged>(e =>
        {
            if (e == marker) witnessed.TrySetResult();
            return Task.CompletedTask;
        });
        var first = new AccountChanged(Guid.NewGuid());
        var burst = Enumerable.Range(0, 10).Select(_ => new AccountChanged(Guid.NewGuid())).ToArray();

        await Fixture.PublishAsync(first);
        await busy.Task.WaitAsync(EventRecorder.DefaultTimeout);
        await Fixture.PublishAsync(burst);
        await Fixture.PublishAsync(marker);
        // One listener dispatches in commit order: once the witness has the marker, the burst was offered to all,
        // and the blocked subscriber did not hold the witness back.
        await witnessed.Task.WaitAsync(EventRecorder.DefaultTimeout);
        release.SetResult();
        await resynced.Task.WaitAsync(EventRecorder.DefaultTimeout);

        // The first event was being handled; the queue kept the oldest four; the rest, marker included, were dropped.
        LiveEvent[] keptThenResynced = [first, .. burst[..4], new LiveEventsResynced()];
        lock (slowReceived) Assert.Equal(keptThenResynced, slowReceived);
    }
}
