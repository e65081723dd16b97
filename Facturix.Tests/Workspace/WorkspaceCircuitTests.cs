using Facturix.App.Workspace;
using Facturix.Domain.Campaigns;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facturix.Tests.Workspace;

/// <summary>The lock a circuit holds is released when the circuit closes, and a failure there never escapes.</summary>
public sealed class WorkspaceCircuitTests
{
    private static readonly Actor Bd = Actor.WithDefaultCapabilities(Guid.NewGuid(), "bd1@facturix.local", Roles.BusinessDeveloper);

    [Fact]
    public async Task Closing_the_circuit_releases_the_lead_it_holds_once()
    {
        var queue = new ReleasingQueue();
        var tracker = new WorkspaceLockTracker(queue, NullLogger<WorkspaceLockTracker>.Instance);
        var leadId = Guid.NewGuid();
        tracker.Hold(Bd, leadId, Guid.NewGuid());
        CircuitHandler handler = new WorkspaceCircuitHandler(tracker);

        await handler.OnCircuitClosedAsync(null!, CancellationToken.None);
        await handler.OnCircuitClosedAsync(null!, CancellationToken.None);

        Assert.Equal([(Bd.UserId, leadId)], queue.Released);
        Assert.Null(tracker.HeldLeadId);
    }

    [Fact]
    public async Task A_lead_already_finished_or_skipped_is_not_released_again()
    {
        var queue = new ReleasingQueue();
        var tracker = new WorkspaceLockTracker(queue, NullLogger<WorkspaceLockTracker>.Instance);
        var leadId = Guid.NewGuid();
        tracker.Hold(Bd, leadId, Guid.NewGuid());
        tracker.Forget(leadId);

        await new WorkspaceCircuitHandler(tracker).OnCircuitClosedAsync(null!, CancellationToken.None);

        Assert.Empty(queue.Released);
    }

    [Fact]
    public async Task A_release_that_fails_is_logged_and_never_thrown()
    {
        var queue = new ReleasingQueue { Fails = true };
        var log = new LogRecorder();
        using var factory = LoggerFactory.Create(b => b.AddProvider(log));
        var tracker = new WorkspaceLockTracker(queue, factory.CreateLogger<WorkspaceLockTracker>());
        var leadId = Guid.NewGuid();
        tracker.Hold(Bd, leadId, Guid.NewGuid());

        await new WorkspaceCircuitHandler(tracker).OnCircuitClosedAsync(null!, CancellationToken.None);

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(leadId.ToString(), StringComparison.Ordinal));
    }

    private sealed class ReleasingQueue : IWorkspaceQueue
    {
        public List<(Guid, Guid)> Released { get; } = [];
        public bool Fails { get; init; }

        public Task ReleaseAsync(Actor actor, Guid leadId, CancellationToken ct = default)
        {
            if (Fails) throw new InvalidOperationException("database gone");
            Released.Add((actor.UserId, leadId));
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<WorkspaceCampaign>> GetCampaignsAsync(Actor actor, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<QueueResult> GetNextAsync(Actor actor, Guid campaignId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<DateTimeOffset> RenewAsync(Actor actor, Guid leadId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SkipAsync(Actor actor, Guid leadId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }
}

/// <summary>The same, with the real queue on PostgreSQL: the lock is gone from the row and the release was announced.</summary>
public sealed class WorkspaceCircuitReleaseTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Closing_the_circuit_unlocks_the_lead_in_the_database_and_announces_it()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        await using (var db = NewDb())
        {
            // Calling hours never get in the way of this test: all day, whatever the clock says.
            var tracked = await db.Campaigns.SingleAsync(c => c.Id == campaign.Id);
            (tracked.CallingHoursStart, tracked.CallingHoursEnd) = (TimeOnly.MinValue, TimeOnly.MinValue); // 00:00–00:00 (decision 0077)
            await db.SaveChangesAsync();
        }
        await Given.LeadsAsync(campaign, 3);
        var actor = await Given.ActorAsync(bd.UserId);
        var queue = Get<IWorkspaceQueue>();
        var locked = (await queue.GetNextAsync(actor, campaign.Id)).Lead!;
        var tracker = new WorkspaceLockTracker(queue, NullLogger<WorkspaceLockTracker>.Instance);
        tracker.Hold(actor, locked.Id, campaign.Id);
        await using var recorder = await Fixture.RecordEventsAsync();

        await new WorkspaceCircuitHandler(tracker).OnCircuitClosedAsync(null!, CancellationToken.None);

        await using (var db = NewDb())
        {
            var lead = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == locked.Id);
            Assert.Null(lead.LockedById);
        }
        await recorder.WaitForAsync<LeadUnlocked>(e => e.LeadId == locked.Id);
    }
}
