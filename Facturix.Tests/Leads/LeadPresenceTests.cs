using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads;

/// <summary>Who has a lead open (issue 14, "Live"): the lead_presences rows, their TTL, scope and the change events.</summary>
public sealed class LeadPresenceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ILeadPresence Presence => Get<ILeadPresence>();

    private async Task<(Actor Bd, Actor Other, Campaign Campaign, Lead Lead)> WorldAsync()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var other = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd, other);
        var lead = (await Given.LeadsAsync(campaign, 1))[0];
        return (await Given.ActorAsync(bd.UserId), await Given.ActorAsync(other.UserId), campaign, lead);
    }

    [Fact]
    public async Task Two_people_who_open_the_lead_both_see_each_other_and_a_leave_removes_only_that_one()
    {
        var (bd, other, _, lead) = await WorldAsync();

        await Presence.JoinAsync(bd, lead.Id, "circuit-a");
        await Presence.JoinAsync(other, lead.Id, "circuit-b");

        Assert.Equal([bd.Email, other.Email], (await Presence.GetViewersAsync(bd, lead.Id)).Select(v => v.Email).Order());
        Assert.Equal([bd.Email, other.Email], (await Presence.GetViewersAsync(other, lead.Id)).Select(v => v.Email).Order());

        await Presence.LeaveAsync(bd, lead.Id, "circuit-a");

        Assert.Equal([other.Email], (await Presence.GetViewersAsync(other, lead.Id)).Select(v => v.Email));
    }

    [Fact]
    public async Task A_person_with_two_tabs_is_listed_once_and_stays_until_the_last_tab_leaves()
    {
        var (bd, other, _, lead) = await WorldAsync();

        await Presence.JoinAsync(bd, lead.Id, "tab-1");
        await Presence.JoinAsync(bd, lead.Id, "tab-2");
        Assert.Single(await Presence.GetViewersAsync(other, lead.Id));

        await Presence.LeaveAsync(bd, lead.Id, "tab-1");
        Assert.Equal([bd.Email], (await Presence.GetViewersAsync(other, lead.Id)).Select(v => v.Email));

        await Presence.LeaveAsync(bd, lead.Id, "tab-2");
        Assert.Empty(await Presence.GetViewersAsync(other, lead.Id));
    }

    [Fact]
    public async Task A_row_not_renewed_within_the_TTL_is_ignored_and_the_next_join_deletes_it()
    {
        var (bd, other, _, lead) = await WorldAsync();
        await Presence.JoinAsync(bd, lead.Id, "crashed-instance-circuit");

        Fixture.Clock.Advance(LeadPresenceTimes.Ttl - TimeSpan.FromSeconds(1));
        Assert.Single(await Presence.GetViewersAsync(other, lead.Id));

        Fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(await Presence.GetViewersAsync(other, lead.Id));

        await Presence.JoinAsync(other, lead.Id, "circuit-b");
        await using var db = NewDb();
        Assert.Equal(["circuit-b"], await db.LeadPresences.Where(p => p.LeadId == lead.Id).Select(p => p.CircuitId).ToListAsync());
    }

    [Fact]
    public async Task Renewing_on_the_page_timer_keeps_a_viewer_past_the_TTL()
    {
        var (bd, other, _, lead) = await WorldAsync();
        await Presence.JoinAsync(bd, lead.Id, "circuit-a");

        for (var i = 0; i < 6; i++)
        {
            Fixture.Clock.Advance(LeadPresenceTimes.RenewEvery);
            await Presence.JoinAsync(bd, lead.Id, "circuit-a");
        }

        Assert.True(LeadPresenceTimes.RenewEvery * 6 > LeadPresenceTimes.Ttl);
        Assert.Equal([bd.Email], (await Presence.GetViewersAsync(other, lead.Id)).Select(v => v.Email));
    }

    [Fact]
    public async Task The_change_event_is_published_only_when_the_set_of_viewers_changes()
    {
        var (bd, other, campaign, lead) = await WorldAsync();
        await using var events = await Fixture.RecordEventsAsync();

        await Presence.JoinAsync(bd, lead.Id, "tab-1");
        await events.WaitForAsync<LeadPresenceChanged>(e => e.LeadId == lead.Id && e.CampaignId == campaign.Id);
        await events.SettleAsync();
        Assert.Single(events.Received.OfType<LeadPresenceChanged>());

        // A renewal and a second tab of someone already there change nothing others see.
        await Presence.JoinAsync(bd, lead.Id, "tab-1");
        await Presence.JoinAsync(bd, lead.Id, "tab-2");
        await Presence.LeaveAsync(bd, lead.Id, "tab-2");
        await Presence.LeaveAsync(bd, lead.Id, "never-joined");
        await events.SettleAsync();
        Assert.Single(events.Received.OfType<LeadPresenceChanged>());

        await Presence.JoinAsync(other, lead.Id, "circuit-b");
        await Presence.LeaveAsync(bd, lead.Id, "tab-1");
        await events.SettleAsync();
        Assert.Equal(3, events.Received.OfType<LeadPresenceChanged>().Count(e => e.LeadId == lead.Id));
    }

    [Fact]
    public async Task Someone_who_does_not_see_the_lead_can_neither_join_it_nor_list_its_viewers()
    {
        var (bd, _, _, lead) = await WorldAsync();
        var outsider = await Given.UserAsync(Roles.BusinessDeveloper);
        await Presence.JoinAsync(bd, lead.Id, "circuit-a");

        await Assert.ThrowsAsync<NotFoundException>(() => Presence.JoinAsync(outsider, lead.Id, "circuit-x"));
        await Assert.ThrowsAsync<NotFoundException>(() => Presence.GetViewersAsync(outsider, lead.Id));

        await using var db = NewDb();
        Assert.False(await db.LeadPresences.AnyAsync(p => p.UserId == outsider.UserId));
    }

    [Fact]
    public async Task Leaving_removes_only_the_actors_own_row_even_with_another_persons_circuit_id()
    {
        var (bd, other, _, lead) = await WorldAsync();
        await Presence.JoinAsync(bd, lead.Id, "circuit-a");

        await Presence.LeaveAsync(other, lead.Id, "circuit-a");
        // Nor can a join with someone else's circuit id take their row over.
        await Presence.JoinAsync(other, lead.Id, "circuit-a");

        await using var db = NewDb();
        Assert.Equal(bd.UserId, (await db.LeadPresences.SingleAsync(p => p.LeadId == lead.Id)).UserId);
    }

    [Fact]
    public async Task The_lead_details_name_the_lock_holder_only_while_the_lease_runs()
    {
        var (bd, other, _, lead) = await WorldAsync();
        var now = Fixture.Clock.GetUtcNow();
        await using (var db = NewDb())
            await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.LockedById, bd.UserId).SetProperty(l => l.LockedAt, now)
                .SetProperty(l => l.LockExpiresAt, now.AddMinutes(5)));

        var held = (await Get<ILeadService>().GetAsync(other, lead.Id)).Lock;
        Assert.Equal((bd.UserId, bd.Email), (held?.UserId, held?.Email));
        Assert.Equal(now.AddMinutes(5), held!.ExpiresAt, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds

        Fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null((await Get<ILeadService>().GetAsync(other, lead.Id)).Lock);
    }
}
