using Facturix.Domain.Workspace;
using Facturix.Tests.Support;

namespace Facturix.Tests.Workspace;

/// <summary>
/// Get Next against PostgreSQL, on the fake clock, with an end of 00:00 (midnight, decision 0077): a campaign calls until
/// the last second of the day, or all day; the selector's count and the empty queue's "callable again" time agree.
/// </summary>
public sealed class WorkspaceQueueMidnightTests(DatabaseFixture fixture) : WorkspaceQueueTest(fixture)
{
    [Fact]
    public async Task Nine_to_midnight_hands_out_a_lead_at_23_59_59_and_none_from_midnight_until_nine()
    {
        var (campaign, bd) = await CampaignWithBdAsync(c => (c.CallingHoursStart, c.CallingHoursEnd) = (new(9, 0), CallingHours.Midnight));
        await LeadsAsync(campaign, 2);

        AtParis(23, 59);
        Fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal((2, (DateTimeOffset?)null), Listed(await Queue.GetCampaignsAsync(bd), campaign.Id));
        var late = await Queue.GetNextAsync(bd, campaign.Id);
        Assert.NotNull(late.Lead);
        await Queue.ReleaseAsync(bd, late.Lead.Id);

        var midnight = AtParis(0);
        var shut = await Queue.GetNextAsync(bd, campaign.Id);
        Assert.Null(shut.Lead);
        Assert.Equal((QueueEmptyReason.OutsideHours, midnight.AddHours(9)), (shut.EmptyReason, shut.NextCallableAt));
        // The selector says the same: nothing callable, and when the hours open.
        Assert.Equal((0, (DateTimeOffset?)midnight.AddHours(9)), Listed(await Queue.GetCampaignsAsync(bd), campaign.Id));

        Fixture.Clock.Advance(TimeSpan.FromHours(9));
        Assert.NotNull((await Queue.GetNextAsync(bd, campaign.Id)).Lead); // 9:00 inclusive
    }

    [Fact]
    public async Task Midnight_to_midnight_hands_out_leads_at_every_hour_including_23_59_and_00_00()
    {
        var (campaign, bd) = await CampaignWithBdAsync(c => (c.CallingHoursStart, c.CallingHoursEnd) = (CallingHours.Midnight, CallingHours.Midnight));
        await LeadsAsync(campaign, 3);

        foreach (var (hour, minute) in new[] { (23, 59), (0, 0), (4, 30) })
        {
            AtParis(hour, minute);
            Assert.Equal((3, (DateTimeOffset?)null), Listed(await Queue.GetCampaignsAsync(bd), campaign.Id));
            var next = await Queue.GetNextAsync(bd, campaign.Id);
            Assert.NotNull(next.Lead);
            await Queue.ReleaseAsync(bd, next.Lead.Id);
        }
    }

    private static (int CallableNow, DateTimeOffset? OpensAt) Listed(IReadOnlyList<WorkspaceCampaign> campaigns, Guid id) =>
        campaigns.Single(c => c.Id == id) is var c ? (c.CallableNow, c.OpensAt) : default;
}
