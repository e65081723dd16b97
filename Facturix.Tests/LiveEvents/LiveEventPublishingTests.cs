using System.Text.Json;
using Facturix.Domain.Accounts;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.LiveEvents;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.LiveEvents;

/// <summary>Publishing through SaveChanges, PublishNowAsync and the raw Npgsql helper, against the real NOTIFY.</summary>
public sealed class LiveEventPublishingTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Events_queued_together_go_out_together_in_order()
    {
        await using var events = await Fixture.RecordEventsAsync();
        var batch = Enumerable.Range(0, 50).Select(_ => new AccountChanged(Guid.NewGuid())).ToArray();

        await Fixture.PublishAsync(batch);

        await events.WaitForAsync<AccountChanged>(e => e == batch[^1]);
        Assert.Equal(batch, events.Received.OfType<AccountChanged>());
    }

    [Fact]
    public async Task An_oversized_event_fails_the_whole_save_and_nothing_is_committed_or_announced()
    {
        await using var events = await Fixture.RecordEventsAsync();
        var account = NewAccount();

        await using (var db = NewDb())
        {
            db.Accounts.Add(account);
            db.Publish(new AccountChanged(account.Id));
            db.Publish(new LeadLocked(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new string('x', 8_000)));
            var ex = await Assert.ThrowsAsync<LiveEventTooLargeException>(() => db.SaveChangesAsync());
            Assert.Equal(nameof(LeadLocked), ex.EventType);
        }

        await using (var db = NewDb())
            Assert.False(await db.Accounts.AnyAsync(a => a.Id == account.Id));
        await events.AssertNoneAsync<AccountChanged>(e => e.AccountId == account.Id);
    }

    [Fact]
    public async Task The_size_limit_is_the_one_PostgreSQL_enforces()
    {
        await using var events = await Fixture.RecordEventsAsync();
        var largest = LeadLockedOfSize(LiveEventPayload.MaxBytes);
        var oneTooMany = LeadLockedOfSize(LiveEventPayload.MaxBytes + 1);

        await using (var db = NewDb())
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await Assert.ThrowsAsync<LiveEventTooLargeException>(() => db.PublishNowAsync(oneTooMany));
            await db.PublishNowAsync(largest);
            await tx.CommitAsync();
        }

        await events.WaitForAsync<LeadLocked>(e => e.LeadId == largest.LeadId);
        // And the limit is not stricter than needed: one byte more is what PostgreSQL itself refuses.
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var notify = new NpgsqlCommand("SELECT pg_notify('facturix_events', @payload)", connection);
        notify.Parameters.AddWithValue("payload", new string('x', LiveEventPayload.MaxBytes + 1));
        await Assert.ThrowsAsync<PostgresException>(() => notify.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task An_oversized_event_from_PublishNowAsync_leaves_the_callers_transaction_uncommitted()
    {
        var account = await Given.AccountAsync("Before");

        await using (var db = NewDb())
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, "After"));
            await Assert.ThrowsAsync<LiveEventTooLargeException>(() =>
                db.PublishNowAsync(new LeadLocked(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new string('x', 8_000))));
        }

        await using var check = NewDb();
        Assert.Equal("Before", (await check.Accounts.SingleAsync(a => a.Id == account.Id)).Name);
    }

    [Fact]
    public async Task PublishNowAsync_is_seen_at_commit_and_never_after_a_rollback()
    {
        await using var events = await Fixture.RecordEventsAsync();
        var rolledBack = new AccountChanged(Guid.NewGuid());
        var committed = new AccountChanged(Guid.NewGuid());

        await using (var db = NewDb())
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.PublishNowAsync(rolledBack);
            await tx.RollbackAsync();
        }
        await using (var db = NewDb())
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.PublishNowAsync([committed]);
            // Everything committed elsewhere meanwhile has arrived, and this event has not: it waits for the commit.
            await events.AssertNoneAsync<AccountChanged>(e => e == committed);
            await tx.CommitAsync();
        }

        await events.WaitForAsync<AccountChanged>(e => e == committed);
        await events.AssertNoneAsync<AccountChanged>(e => e == rolledBack);
    }

    [Fact]
    public async Task PublishNowAsync_outside_a_transaction_is_refused()
    {
        await using var events = await Fixture.RecordEventsAsync();
        var loose = new AccountChanged(Guid.NewGuid());

        await using (var db = NewDb())
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => db.PublishNowAsync(loose));
            Assert.Contains("transaction", ex.Message, StringComparison.Ordinal);
        }

        await events.AssertNoneAsync<AccountChanged>(e => e == loose);
    }

    [Fact]
    public async Task Raw_Npgsql_code_publishes_in_its_own_transaction_and_not_after_it()
    {
        await using var events = await Fixture.RecordEventsAsync();
        var imported = new LeadsImported(Guid.NewGuid(), 3);
        var late = new AccountChanged(Guid.NewGuid());

        await using (var connection = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await LiveEventPublisher.PublishAsync(connection, tx, [imported]);
            await tx.CommitAsync();

            await Assert.ThrowsAsync<InvalidOperationException>(() => LiveEventPublisher.PublishAsync(connection, tx, [late]));
        }

        await events.WaitForAsync<LeadsImported>(e => e == imported);
        await events.AssertNoneAsync<AccountChanged>(e => e == late);
    }

    private static Account NewAccount() => new()
    {
        Id = Guid.CreateVersion7(), Name = "Oversized", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>A LeadLocked whose JSON is exactly <paramref name="bytes"/> long (ASCII padding in the e-mail).</summary>
    private static LeadLocked LeadLockedOfSize(int bytes)
    {
        var empty = new LeadLocked(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "");
        var padding = bytes - JsonSerializer.Serialize<LiveEvent>(empty).Length;
        var sized = empty with { UserEmail = new string('x', padding) };
        Assert.Equal(bytes, JsonSerializer.Serialize<LiveEvent>(sized).Length);
        return sized;
    }
}
