using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Workspace;

/// <summary>
/// What the queue test classes share, on real PostgreSQL: the queue, the fake clock set to known Paris times, a campaign
/// with its BDs and leads shaped as a test needs them.
/// </summary>
public abstract class WorkspaceQueueTest(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    protected static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    protected IWorkspaceQueue Queue => Get<IWorkspaceQueue>();

    /// <summary>Moves the fake clock forward to the next day at <paramref name="hour"/> in Paris (it never goes back).</summary>
    protected DateTimeOffset AtParis(int hour, int minute = 0)
    {
        var local = TimeZoneInfo.ConvertTime(Fixture.Clock.GetUtcNow(), Paris).Date.AddDays(1).AddHours(hour).AddMinutes(minute);
        var target = new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
        Fixture.Clock.SetUtcNow(target);
        return target;
    }

    /// <summary>
    /// Moves the fake clock to <paramref name="parisHour"/>:00 in Paris on the next day it is <paramref name="montrealHour"/>:00
    /// in Montréal. The clock starts at the real date, and for about four weeks a year (North America's daylight-saving
    /// time starts earlier and ends later than Europe's) the two cities are 5 hours apart instead of 6.
    /// </summary>
    protected DateTimeOffset AtParisWhenMontrealIs(int parisHour, int montrealHour)
    {
        var montreal = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
        for (var day = 0; day < 60; day++)
        {
            var now = AtParis(parisHour);
            if (TimeZoneInfo.ConvertTime(now, montreal).Hour == montrealHour) return now;
        }
        throw new InvalidOperationException($"No day in 60 where {parisHour}:00 in Paris is {montrealHour}:00 in Montréal.");
    }

    protected async Task<(Campaign Campaign, Actor Bd)> CampaignWithBdAsync(Action<Campaign>? configure = null)
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

    protected async Task<Actor> BdOnAsync(Campaign campaign)
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await using (var db = NewDb())
        {
            db.CampaignAssignments.Add(new CampaignAssignment { CampaignId = campaign.Id, UserId = bd.UserId, AssignedAt = Fixture.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        return await Given.ActorAsync(bd.UserId);
    }

    protected async Task<IReadOnlyList<Lead>> LeadsAsync(Campaign campaign, int count, Action<Lead, int>? shape = null)
    {
        var leads = await Given.LeadsAsync(campaign, count);
        if (shape is null) return leads;
        await using var db = NewDb();
        db.AttachRange(leads);
        for (var i = 0; i < leads.Count; i++) shape(leads[i], i);
        await db.SaveChangesAsync();
        return leads;
    }

    protected async Task<Lead> ReloadAsync(Guid id)
    {
        await using var db = NewDb();
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Id == id);
    }
}
