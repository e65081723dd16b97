using Facturix.Domain.Accounts;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;

namespace Facturix.Tests.LiveEvents;

public sealed class LiveEventBusTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task A_committed_change_reaches_subscribers()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        var received = new TaskCompletionSource<AccountChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = bus.Subscribe<AccountChanged>(e => { received.TrySetResult(e); return Task.CompletedTask; });
        var admin = await Given.UserAsync(Roles.Admin);

        var id = await Get<IAccountService>().CreateAsync(admin, new AccountInput { Name = "Acme" });

        var seen = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(id, seen.AccountId);
    }

    [Fact]
    public async Task A_rolled_back_change_is_never_announced()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        var events = new List<LiveEvent>();
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var all = bus.Subscribe<LiveEvent>(e =>
        {
            lock (events) events.Add(e);
            if (e is TaskChanged) marker.TrySetResult();
            return Task.CompletedTask;
        });

        await using (var db = NewDb())
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.Publish(new AccountChanged(Guid.NewGuid()));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        // A committed event sent afterwards proves the listener had every chance to see the first one.
        await using (var db = NewDb())
        {
            db.Publish(new TaskChanged(Guid.NewGuid(), Guid.NewGuid()));
            await db.SaveChangesAsync();
        }

        await marker.Task.WaitAsync(TimeSpan.FromSeconds(10));
        lock (events) Assert.DoesNotContain(events, e => e is AccountChanged);
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more()
    {
        var bus = await Fixture.StartLiveEventsAsync();
        var count = 0;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = bus.Subscribe<AccountChanged>(_ => { Interlocked.Increment(ref count); return Task.CompletedTask; });
        using var witness = bus.Subscribe<TaskChanged>(_ => { second.TrySetResult(); return Task.CompletedTask; });
        subscription.Dispose();

        await using (var db = NewDb())
        {
            db.Publish(new AccountChanged(Guid.NewGuid()));
            db.Publish(new TaskChanged(Guid.NewGuid(), Guid.NewGuid()));
            await db.SaveChangesAsync();
        }

        await second.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, count);
    }
}
