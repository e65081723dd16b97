using Facturix.Domain.Activities;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Workspace;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facturix.Tests.Workspace;

/// <summary>
/// A held lead's lease on real PostgreSQL: renewed or lost, cleared by the reaper once it ends, released by its holder
/// only, and skipped with a reason that defers the lead. Getting a lead: <see cref="WorkspaceQueueTests"/>.
/// </summary>
public sealed class WorkspaceLeaseTests(DatabaseFixture fixture) : WorkspaceQueueTest(fixture)
{
    [Fact]
    public async Task A_renewed_lease_holds_and_an_expired_one_goes_to_another_bd()
    {
        var now = AtParis(10);
        var (campaign, a) = await CampaignWithBdAsync(c => c.LockLeaseMinutes = 15);
        var b = await BdOnAsync(campaign);
        var lead = (await LeadsAsync(campaign, 1)).Single();
        Assert.Equal(lead.Id, (await Queue.GetNextAsync(a, campaign.Id)).Lead!.Id);

        Fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(now.AddMinutes(25), await Queue.RenewAsync(a, lead.Id));
        Fixture.Clock.Advance(TimeSpan.FromMinutes(10)); // 20 minutes after the lock, 10 after the renewal
        Assert.Equal(QueueEmptyReason.AllLocked, (await Queue.GetNextAsync(b, campaign.Id)).EmptyReason);

        Fixture.Clock.Advance(TimeSpan.FromMinutes(6)); // the renewed lease ran out
        Assert.Equal(lead.Id, (await Queue.GetNextAsync(b, campaign.Id)).Lead!.Id);
        Assert.Equal(b.UserId, (await ReloadAsync(lead.Id)).LockedById);

        var lost = await Assert.ThrowsAsync<ConflictException>(() => Queue.RenewAsync(a, lead.Id));
        Assert.Equal(ErrorCodes.LeaseLost, lost.Code);
    }

    [Fact]
    public async Task The_reaper_clears_expired_leases_once_and_announces_them()
    {
        AtParis(10);
        var (campaign, a) = await CampaignWithBdAsync(c => c.LockLeaseMinutes = 15);
        var b = await BdOnAsync(campaign);
        await LeadsAsync(campaign, 2);
        var expiring = (await Queue.GetNextAsync(a, campaign.Id)).Lead!;
        Fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        var kept = (await Queue.GetNextAsync(b, campaign.Id)).Lead!;
        Fixture.Clock.Advance(TimeSpan.FromMinutes(6)); // a's lease ended a minute ago, b's runs 9 more
        await using var recorder = await Fixture.RecordEventsAsync();
        var job = new LeaseReaperJob(Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>(), Fixture.Clock, NullLogger<LeaseReaperJob>.Instance);

        Assert.Equal(1, await job.RunAsync(default));

        await recorder.WaitForAsync<LeadUnlocked>(e => e.LeadId == expiring.Id);
        var cleared = await ReloadAsync(expiring.Id);
        Assert.Equal((null, null, null), (cleared.LockedById, cleared.LockedAt, cleared.LockExpiresAt));
        Assert.Equal(b.UserId, (await ReloadAsync(kept.Id)).LockedById);
        Assert.Equal(0, await job.RunAsync(default));
        await recorder.AssertNoneAsync<LeadUnlocked>(e => e.LeadId == kept.Id);
        await Assert.ThrowsAsync<ConflictException>(() => Queue.RenewAsync(a, expiring.Id));
    }

    [Fact]
    public async Task Release_is_for_the_holder_and_announces_the_unlock()
    {
        AtParis(10);
        var (campaign, a) = await CampaignWithBdAsync();
        var b = await BdOnAsync(campaign);
        var lead = (await LeadsAsync(campaign, 1)).Single();
        await Queue.GetNextAsync(a, campaign.Id);
        await using var recorder = await Fixture.RecordEventsAsync();

        await Queue.ReleaseAsync(b, lead.Id); // not b's: nothing happens
        Assert.Equal(a.UserId, (await ReloadAsync(lead.Id)).LockedById);

        await Queue.ReleaseAsync(a, lead.Id);
        await recorder.WaitForAsync<LeadUnlocked>(e => e.LeadId == lead.Id);
        Assert.Null((await ReloadAsync(lead.Id)).LockedById);
        await Queue.ReleaseAsync(a, lead.Id); // idempotent
        Assert.Equal(lead.Id, (await Queue.GetNextAsync(b, campaign.Id)).Lead!.Id);
    }

    [Fact]
    public async Task Skip_needs_a_reason_logs_it_releases_and_defers_the_lead()
    {
        var now = AtParis(10);
        var (campaign, a) = await CampaignWithBdAsync(c => c.RetryDelayMinutes = 60);
        var b = await BdOnAsync(campaign);
        var leads = await LeadsAsync(campaign, 2);
        var first = (await Queue.GetNextAsync(a, campaign.Id)).Lead!;

        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Queue.SkipAsync(a, first.Id, "  "));
        Assert.Contains(invalid.Errors, e => e.ErrorCode == "workspace.skip-reason.required");
        var notHeld = await Assert.ThrowsAsync<ConflictException>(() => Queue.SkipAsync(b, first.Id, "Pas à moi"));
        Assert.Equal(ErrorCodes.LeaseLost, notHeld.Code);
        await using var recorder = await Fixture.RecordEventsAsync();

        await Queue.SkipAsync(a, first.Id, " Standard fermé ");

        await recorder.WaitForAsync<LeadUnlocked>(e => e.LeadId == first.Id);
        await recorder.WaitForAsync<ActivityLogged>(e => e.LeadId == first.Id);
        var row = await ReloadAsync(first.Id);
        Assert.Null(row.LockedById);
        Assert.Equal(now.AddMinutes(60), row.NextCallAt);
        await using (var db = NewDb())
        {
            var note = await db.Activities.SingleAsync(x => x.LeadId == first.Id);
            Assert.Equal((ActivityKind.Note, "Standard fermé", a.UserId), (note.Kind, note.Body, note.UserId));
        }
        // The skipped lead does not come straight back.
        Assert.Equal(leads.Single(l => l.Id != first.Id).Id, (await Queue.GetNextAsync(a, campaign.Id)).Lead!.Id);
    }
}
