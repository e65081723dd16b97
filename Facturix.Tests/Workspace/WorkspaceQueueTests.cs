using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Workspace;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facturix.Tests.Workspace;

/// <summary>Get Next, the lease and the reaper on real PostgreSQL, with the fake clock set to known Paris times.</summary>
public sealed class WorkspaceQueueTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private IWorkspaceQueue Queue => Get<IWorkspaceQueue>();

    /// <summary>Moves the fake clock forward to the next day at <paramref name="hour"/> in Paris (it never goes back).</summary>
    private DateTimeOffset AtParis(int hour, int minute = 0)
    {
        var local = TimeZoneInfo.ConvertTime(Fixture.Clock.GetUtcNow(), Paris).Date.AddDays(1).AddHours(hour).AddMinutes(minute);
        var target = new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
        Fixture.Clock.SetUtcNow(target);
        return target;
    }

    private async Task<(Campaign Campaign, Actor Bd)> CampaignWithBdAsync(Action<Campaign>? configure = null)
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        if (configure is not null)
        {
            await using var db = NewDb();
            db.Attach(campaign);
            configure(campaign);
            await db.SaveChangesAsync();
        }
        return (campaign, await Given.ActorAsync(bd.UserId));
    }

    private async Task<Actor> BdOnAsync(Campaign campaign)
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await using (var db = NewDb())
        {
            db.CampaignAssignments.Add(new CampaignAssignment { CampaignId = campaign.Id, UserId = bd.UserId, AssignedAt = Fixture.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        return await Given.ActorAsync(bd.UserId);
    }

    private async Task<IReadOnlyList<Lead>> LeadsAsync(Campaign campaign, int count, Action<Lead, int>? shape = null)
    {
        var leads = await Given.LeadsAsync(campaign, count);
        if (shape is null) return leads;
        await using var db = NewDb();
        db.AttachRange(leads);
        for (var i = 0; i < leads.Count; i++) shape(leads[i], i);
        await db.SaveChangesAsync();
        return leads;
    }

    private async Task<Lead> ReloadAsync(Guid id)
    {
        await using var db = NewDb();
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Id == id);
    }

    [Fact]
    public async Task Fifty_parallel_get_next_never_return_the_same_lead()
    {
        AtParis(10);
        var (campaign, _) = await CampaignWithBdAsync();
        await LeadsAsync(campaign, 80);
        var bds = new List<Actor>();
        for (var i = 0; i < 50; i++) bds.Add(await BdOnAsync(campaign));

        var results = await Task.WhenAll(bds.Select(bd => Task.Run(() => Queue.GetNextAsync(bd, campaign.Id))));

        Assert.All(results, r => Assert.NotNull(r.Lead));
        var ids = results.Select(r => r.Lead!.Id).ToList();
        Assert.Equal(50, ids.Distinct().Count());
        await using var db = NewDb();
        var locked = await db.Leads.Where(l => l.CampaignId == campaign.Id && l.LockedById != null).ToListAsync();
        Assert.Equal(50, locked.Count);
        Assert.Equal(50, locked.Select(l => l.LockedById).Distinct().Count());
        for (var i = 0; i < bds.Count; i++)
            Assert.Equal(bds[i].UserId, locked.Single(l => l.Id == ids[i]).LockedById);
    }

    [Fact]
    public async Task Get_next_locks_for_the_lease_publishes_LeadLocked_and_returns_the_held_lead_again()
    {
        var now = AtParis(10);
        var (campaign, bd) = await CampaignWithBdAsync(c => c.LockLeaseMinutes = 20);
        await LeadsAsync(campaign, 3);
        await using var recorder = await Fixture.RecordEventsAsync();

        var first = await Queue.GetNextAsync(bd, campaign.Id);

        Assert.NotNull(first.Lead);
        Assert.Equal(now.AddMinutes(20), first.Lead.LockExpiresAt);
        Assert.Equal("Europe/Paris", first.Lead.TimeZone);
        var locked = await recorder.WaitForAsync<LeadLocked>(e => e.LeadId == first.Lead.Id);
        Assert.Equal((campaign.Id, bd.UserId, bd.Email), (locked.CampaignId, locked.UserId, locked.UserEmail));
        var row = await ReloadAsync(first.Lead.Id);
        Assert.Equal((bd.UserId, now, now.AddMinutes(20)), (row.LockedById, row.LockedAt, row.LockExpiresAt));
        Assert.Equal(row.Version, first.Lead.Version);

        Fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await Queue.GetNextAsync(bd, campaign.Id);
        Assert.Equal(first.Lead.Id, again.Lead!.Id);
        row = await ReloadAsync(first.Lead.Id);
        Assert.Equal(now, row.LockedAt); // still the same hold, extended
        Assert.Equal(now.AddMinutes(25), row.LockExpiresAt);
    }

    [Fact]
    public async Task The_order_is_due_callbacks_then_priority_then_score_then_the_longest_untouched()
    {
        var now = AtParis(11);
        var (campaign, bd) = await CampaignWithBdAsync(c => c.RetryDelayMinutes = 60);
        var leads = await LeadsAsync(campaign, 7, (l, i) =>
        {
            switch (i)
            {
                case 0: l.Priority = 5; l.Score = 90; break;                                          // 3rd
                case 1: l.NextCallAt = now.AddMinutes(-1); l.Priority = 0; break;                    // 1st: a due callback
                case 2: l.NextCallAt = now.AddMinutes(30); l.Priority = 9; break;                    // never: not due yet
                case 3: l.Priority = 5; l.Score = 50; l.LastContactedAt = now.AddDays(-3); break;    // 5th
                case 4: l.Priority = 5; l.Score = 50; break;                                         // 4th: never contacted
                case 5: l.Priority = 5; l.Score = 50; l.LastContactedAt = now.AddDays(-2); break;    // 6th
                case 6: l.Priority = 7; l.Score = 0; l.LastContactedAt = now.AddMinutes(-30); break; // never: retry delay
            }
        });

        var order = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var bdN = await BdOnAsync(campaign);
            var result = await Queue.GetNextAsync(bdN, campaign.Id);
            if (result.Lead is null) break;
            order.Add(result.Lead.Id);
        }

        Assert.Equal(new[] { leads[1].Id, leads[0].Id, leads[4].Id, leads[3].Id, leads[5].Id }, order);
        _ = bd;
    }

    [Fact]
    public async Task A_lead_in_Montreal_waits_while_Paris_calls_and_the_reason_says_when()
    {
        var now = AtParis(14); // 8:00 in Montréal
        var (campaign, bd) = await CampaignWithBdAsync();
        var montreal = (await LeadsAsync(campaign, 1, (l, _) => { l.Phone = "+15145551234"; l.Country = "CA"; l.TimeZone = LeadTimeZones.For(l.Phone, l.Country); l.Priority = 9; })).Single();

        var result = await Queue.GetNextAsync(bd, campaign.Id);

        Assert.Null(result.Lead);
        Assert.Equal(QueueEmptyReason.OutsideHours, result.EmptyReason);
        Assert.Equal(now.AddHours(1), result.NextCallableAt); // 9:00 in Montréal
        var paris = (await LeadsAsync(campaign, 1)).Single();
        Assert.Equal(paris.Id, (await Queue.GetNextAsync(bd, campaign.Id)).Lead!.Id);
        await Queue.ReleaseAsync(bd, paris.Id);

        Fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(montreal.Id, (await Queue.GetNextAsync(bd, campaign.Id)).Lead!.Id); // higher priority, now in hours
    }

    [Fact]
    public async Task Capped_closed_and_waiting_leads_give_their_reasons()
    {
        var now = AtParis(10);
        var (campaign, bd) = await CampaignWithBdAsync(c => { c.MaxCallAttempts = 2; c.RetryDelayMinutes = 120; });
        Assert.Equal(QueueEmptyReason.Empty, (await Queue.GetNextAsync(bd, campaign.Id)).EmptyReason);

        await LeadsAsync(campaign, 2, (l, i) => l.Status = i == 0 ? LeadStatus.Converted : LeadStatus.DoNotContact);
        Assert.Equal(QueueEmptyReason.Empty, (await Queue.GetNextAsync(bd, campaign.Id)).EmptyReason);

        await LeadsAsync(campaign, 2, (l, _) => l.CallAttempts = 2);
        var capped = await Queue.GetNextAsync(bd, campaign.Id);
        Assert.Equal((QueueEmptyReason.CapsReached, (DateTimeOffset?)null), (capped.EmptyReason, capped.NextCallableAt));

        var waiting = (await LeadsAsync(campaign, 1, (l, _) => { l.CallAttempts = 1; l.LastContactedAt = now.AddMinutes(-30); })).Single();
        var retry = await Queue.GetNextAsync(bd, campaign.Id);
        Assert.Equal((QueueEmptyReason.Empty, now.AddMinutes(90)), (retry.EmptyReason, retry.NextCallableAt));

        Fixture.Clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(waiting.Id, (await Queue.GetNextAsync(bd, campaign.Id)).Lead!.Id);
    }

    [Fact]
    public async Task When_every_lead_is_held_the_reason_is_all_locked_until_the_first_lease_ends()
    {
        var now = AtParis(10);
        var (campaign, a) = await CampaignWithBdAsync(c => c.LockLeaseMinutes = 15);
        var b = await BdOnAsync(campaign);
        await LeadsAsync(campaign, 1);
        Assert.NotNull((await Queue.GetNextAsync(a, campaign.Id)).Lead);

        var result = await Queue.GetNextAsync(b, campaign.Id);

        Assert.Equal((QueueEmptyReason.AllLocked, now.AddMinutes(15)), (result.EmptyReason, result.NextCallableAt));
    }

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

    [Fact]
    public async Task A_bd_works_only_the_campaigns_assigned_to_them()
    {
        AtParis(10);
        var (campaign, assigned) = await CampaignWithBdAsync();
        var paused = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Paused, assigned);
        var other = await Given.UserAsync(Roles.BusinessDeveloper);
        var open = await LeadsAsync(campaign, 3);
        await LeadsAsync(campaign, 1, (l, _) => l.Status = LeadStatus.Converted);
        assigned = await Given.ActorAsync(assigned.UserId);

        var campaigns = await Queue.GetCampaignsAsync(assigned);
        Assert.Equal(campaign.Id, Assert.Single(campaigns).Id);
        Assert.Equal(3, campaigns[0].CallableNow);
        Assert.Empty(await Queue.GetCampaignsAsync(other));
        await Assert.ThrowsAsync<NotFoundException>(() => Queue.GetNextAsync(other, campaign.Id));
        Assert.Null((await Queue.GetNextAsync(assigned, paused.Id)).Lead);

        var lead = (await Queue.GetNextAsync(assigned, campaign.Id)).Lead!;
        Assert.Contains(lead.Id, open.Select(l => l.Id));
        Assert.Equal(2, (await Queue.GetCampaignsAsync(assigned)).Single().CallableNow);
        await Assert.ThrowsAsync<NotFoundException>(() => Queue.RenewAsync(other, lead.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Queue.ReleaseAsync(other, lead.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Queue.SkipAsync(other, lead.Id, "Pas à moi"));
    }
}
