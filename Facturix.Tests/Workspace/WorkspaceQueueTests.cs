using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Workspace;

/// <summary>
/// Get Next on real PostgreSQL, with the fake clock set to known Paris times: which lead comes next and in what order,
/// the lock it takes, each reason the queue gives when it has none, and the campaigns a BD works. The lease, the reaper,
/// release and skip: <see cref="WorkspaceLeaseTests"/>.
/// </summary>
public sealed class WorkspaceQueueTests(DatabaseFixture fixture) : WorkspaceQueueTest(fixture)
{
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
        var now = AtParisWhenMontrealIs(14, 8); // not every day of the year: see the helper
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

    [Theory]
    [InlineData(9, 18, 4)]  // a day window
    [InlineData(13, 1, 5)]  // a window past midnight (wraps): the count has its own spelling of it
    [InlineData(13, 0, 5)]  // until midnight (decision 0077): Singapore's 21:00 is in, Montréal's 8:00 out
    [InlineData(0, 0, 6)]   // all day: Montréal's 8:00 too
    public async Task The_selectors_callable_count_is_what_get_next_hands_out(int start, int end, int callable)
    {
        var now = AtParisWhenMontrealIs(14, 8); // and 20:00 or 21:00 in Singapore
        var (campaign, first) = await CampaignWithBdAsync(c =>
        {
            (c.CallingHoursStart, c.CallingHoursEnd) = (new TimeOnly(start, 0), new TimeOnly(end, 0));
            (c.MaxCallAttempts, c.RetryDelayMinutes) = (3, 60);
        });
        var other = await BdOnAsync(campaign);
        var shapes = new Action<Lead>[]
        {
            _ => { },                                                                               // callable
            l => l.NextCallAt = now.AddMinutes(-5),                                                 // callable: a due callback
            l => { l.CallAttempts = 1; l.LastContactedAt = now.AddHours(-2); },                    // callable: retry delay passed
            l => { l.Phone = "+15145551234"; l.Country = "CA"; },                                   // before 9:00 (or 13:00) in Montréal
            l => { l.Phone = "+6561234567"; l.Country = "SG"; },                                    // inside the wrap only (21:00)
            l => l.CallAttempts = 3,                                                                // at its cap
            l => l.Status = LeadStatus.NotAFit,                                                     // closed
            l => { l.CallAttempts = 1; l.LastContactedAt = now.AddMinutes(-20); },                 // retry delay not over
            l => l.NextCallAt = now.AddHours(2),                                                    // callback later
            l => { l.LockedById = other.UserId; l.LockedAt = now; l.LockExpiresAt = now.AddMinutes(5); }, // held by another BD
            l => { l.LockedById = other.UserId; l.LockedAt = now.AddHours(-1); l.LockExpiresAt = now.AddMinutes(-1); }, // lease ran out
        };
        await LeadsAsync(campaign, shapes.Length, (l, i) =>
        {
            shapes[i](l);
            l.TimeZone = LeadTimeZones.For(l.Phone, l.Country);
        });

        var counted = (await Queue.GetCampaignsAsync(first)).Single(c => c.Id == campaign.Id).CallableNow;

        // Every BD takes one lead until the queue runs dry: the selector promised exactly that many.
        var handedOut = new HashSet<Guid>();
        for (var i = 0; i < shapes.Length; i++)
        {
            var result = await Queue.GetNextAsync(await BdOnAsync(campaign), campaign.Id);
            if (result.Lead is null) break;
            Assert.True(handedOut.Add(result.Lead.Id));
        }
        Assert.Equal(callable, handedOut.Count);
        Assert.Equal(handedOut.Count, counted);
        Assert.Equal(0, (await Queue.GetCampaignsAsync(first)).Single(c => c.Id == campaign.Id).CallableNow);
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
