using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Leads;

/// <summary>
/// Issue 14, "Live": two people on the same lead see each other; a lock taken and released elsewhere shows and goes on
/// the lead page and on the lead's row in a BD's list, without reload, within Playwright's default wait.
/// </summary>
public sealed class LeadPresenceJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Admin = "admin@facturix.local";
    private const string Bd = "bd1@facturix.local";

    [Fact]
    public async Task Two_viewers_see_each_other_and_a_lock_appears_and_goes_on_the_lead_page_and_the_BDs_list()
    {
        var bd = await App.ActorAsync(Bd);
        var queries = App.Get<ILeadQueries>();
        var campaign = (await queries.GetFilterOptionsAsync(bd, null)).Campaigns[0];
        var listed = await queries.ListAsync(bd, new LeadListQuery(CampaignId: campaign.Id), new PageRequest());
        var lead = listed.Items.First(r => r.LockedByEmail is null);

        var a = await SignedInPageAsync(Admin, at: $"/leads/{lead.Id}");
        var b = await SignedInPageAsync(Bd, at: $"/leads/{lead.Id}");

        // Each sees both (the viewer included: decision 0050), B's arrival reaching A live.
        await Expect(Viewer(a, Bd)).ToBeVisibleAsync();
        await Expect(Viewer(a, Admin)).ToBeVisibleAsync();
        await Expect(Viewer(b, Admin)).ToBeVisibleAsync();
        await Expect(Viewer(b, Bd)).ToBeVisibleAsync();

        // B goes to the campaign's list: that circuit closes and B leaves A's list of viewers.
        await b.GotoAsync($"/leads?campaign={campaign.Id}");
        await WaitInteractiveAsync(b);
        var row = b.Locator("tr", new() { Has = b.Locator($"[data-testid='lead-row'][data-lead-id='{lead.Id}']") });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("lead-lock")).ToHaveCountAsync(0);
        await Expect(Viewer(a, Bd)).ToHaveCountAsync(0);

        // A lock in a campaign B is not on, then the lock of B's lead, as the queue takes them: lease columns and
        // LeadLocked in one transaction. (How often B's list re-reads is not asserted here: other journeys share the app and its SQL log.)
        var admin = await App.ActorAsync(Admin);
        var mine = (await queries.GetFilterOptionsAsync(bd, null)).Campaigns.Select(c => c.Id).ToHashSet();
        // Another campaign with a free lead: other journeys on this app add campaigns without leads.
        LeadRow? foreign = null;
        foreach (var other in (await queries.GetFilterOptionsAsync(admin, null)).Campaigns.Where(c => !mine.Contains(c.Id)))
        {
            foreign = (await queries.ListAsync(admin, new LeadListQuery(CampaignId: other.Id), new PageRequest())).Items
                .FirstOrDefault(r => r.LockedByEmail is null);
            if (foreign is not null) break;
        }
        Assert.NotNull(foreign);
        await SetLockAsync(foreign.Id, admin.UserId, DateTimeOffset.UtcNow.AddMinutes(10),
            new LeadLocked(foreign.Id, foreign.CampaignId, admin.UserId, Admin));
        await SetLockAsync(lead.Id, admin.UserId, DateTimeOffset.UtcNow.AddMinutes(10),
            new LeadLocked(lead.Id, campaign.Id, admin.UserId, Admin));

        await Expect(a.GetByTestId("lead-lock")).ToHaveAttributeAsync("data-locked-by", Admin);
        await Expect(row.GetByTestId("lead-lock")).ToHaveAttributeAsync("data-locked-by", Admin);

        await SetLockAsync(lead.Id, null, null, new LeadUnlocked(lead.Id, campaign.Id));

        await Expect(a.GetByTestId("lead-lock")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("lead-lock")).ToHaveCountAsync(0);
        await SetLockAsync(foreign.Id, null, null, new LeadUnlocked(foreign.Id, foreign.CampaignId));
    }

    private static ILocator Viewer(IPage page, string email) =>
        page.Locator($"[data-testid='lead-presence'][data-user-email='{email}']");

    private async Task SetLockAsync(Guid leadId, Guid? holder, DateTimeOffset? expiresAt, LiveEvent announced)
    {
        DateTimeOffset? lockedAt = holder is null ? null : DateTimeOffset.UtcNow;
        await using var db = await App.Get<IDbContextFactory<FacturixDb>>().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Leads.Where(l => l.Id == leadId).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.LockedById, holder)
            .SetProperty(l => l.LockedAt, lockedAt)
            .SetProperty(l => l.LockExpiresAt, expiresAt));
        await db.PublishNowAsync(announced);
        await transaction.CommitAsync();
    }
}
