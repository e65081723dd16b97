using Bunit;
using Facturix.App.Workspace;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;

namespace Facturix.Tests.Workspace;

/// <summary>
/// Before the calling hours, a campaign with nothing callable says when it opens (in the viewer's time), on the buttons
/// and in the selector; a campaign with leads callable just counts them.
/// </summary>
public sealed class WorkspaceCampaignOpeningTests : WorkspacePageTest
{
    [Fact]
    public void A_closed_campaign_with_nothing_callable_says_when_it_opens_today_or_later()
    {
        // Start is 14:00 in Paris, the viewer's zone.
        var evening = new WorkspaceCampaign(Guid.NewGuid(), "Soirée", "Acme", 0, OpensAt: Start.AddHours(4));
        var tomorrow = Autumn with { OpensAt = new DateTimeOffset(2026, 3, 11, 8, 0, 0, TimeSpan.Zero) };
        var later = new WorkspaceCampaign(Guid.NewGuid(), "Relance", "Acme", 0, OpensAt: new DateTimeOffset(2026, 3, 13, 8, 0, 0, TimeSpan.Zero));
        _queue.Campaigns = [Spring with { OpensAt = Start.AddHours(4) }, tomorrow, evening, later];
        SignIn(Roles.BusinessDeveloper, "bd1@facturix.local",
            scope: new ScopeSnapshot(false, new HashSet<Guid>(), new HashSet<Guid> { Spring.Id, Autumn.Id, evening.Id, later.Id }));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(
            ["12 appelables", "0 appelable · ouvre demain à 09:00", "0 appelable · ouvre à 18:00", "0 appelable · ouvre le 13/03/2026 09:00"],
            page.FindAll("[data-testid=workspace-campaign-callable]").Select(c => c.TextContent.Trim())));
    }

    [Fact]
    public void In_english_too()
    {
        UseCulture("en");
        var later = new WorkspaceCampaign(Guid.NewGuid(), "Relance", "Acme", 0, OpensAt: new DateTimeOffset(2026, 3, 13, 8, 0, 0, TimeSpan.Zero));
        _queue.Campaigns = [Autumn with { OpensAt = new DateTimeOffset(2026, 3, 11, 8, 0, 0, TimeSpan.Zero) }, later];
        SignIn(Roles.BusinessDeveloper, "bd1@facturix.local",
            scope: new ScopeSnapshot(false, new HashSet<Guid>(), new HashSet<Guid> { Autumn.Id, later.Id }));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(
            ["0 callable · opens tomorrow at 9:00\u202FAM", "0 callable · opens on 3/13/2026 9:00\u202FAM"],
            page.FindAll("[data-testid=workspace-campaign-callable]").Select(c => c.TextContent.Trim())));
    }

    [Fact]
    public void The_selector_says_it_too_once_the_campaign_is_chosen()
    {
        _queue.Campaigns = [Spring, Autumn with { OpensAt = Start.AddHours(4) }];

        var page = RenderPage(Autumn.Id);

        page.WaitForAssertion(() => Assert.Equal("Automne · Acme (0 appelable · ouvre à 18:00)",
            page.Find("[data-testid=campaign-select]").GetAttribute("value")));
    }

    [Fact]
    public void At_the_opening_the_counts_are_read_again_without_any_lead_changing()
    {
        _queue.Campaigns = [Spring, Autumn with { OpensAt = Start.AddHours(4) }];
        var page = RenderPage();
        page.WaitForElements("[data-testid=workspace-campaign-callable]");
        var loads = _queue.CampaignLoads;

        _clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(1));
        Assert.Equal(loads, _queue.CampaignLoads);

        // 18:00: Autumn's leads are callable, and the page says so by itself.
        _queue.Campaigns = [Spring, Autumn with { CallableNow = 7 }];
        _clock.Advance(TimeSpan.FromMinutes(1) + CampaignOpeningAlarm.AfterOpening);

        page.WaitForAssertion(() => Assert.Equal(["12 appelables", "7 appelables"],
            page.FindAll("[data-testid=workspace-campaign-callable]").Select(c => c.TextContent.Trim())));
        Assert.Equal(loads + 1, _queue.CampaignLoads);
    }
}
