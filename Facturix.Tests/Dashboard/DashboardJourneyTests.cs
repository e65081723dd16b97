using System.Globalization;
using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Dashboard;

public sealed class DashboardJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_admin_sees_KPIs_equal_to_the_database_counts()
    {
        var page = await SignedInPageAsync("admin@facturix.local");

        await using var db = FacturixDbOptions.CreateContext(App.ConnectionString);
        var accounts = await db.Accounts.CountAsync(a => a.ArchivedAt == null);
        var active = await db.Campaigns.CountAsync(c => c.State == CampaignState.Active);
        var leads = await db.Leads.CountAsync();
        var converted = await db.Leads.CountAsync(l => l.Status == LeadStatus.Converted);
        await ExpectKpi(page, "kpi-accounts", accounts);
        await ExpectKpi(page, "kpi-active-campaigns", active);
        await ExpectKpi(page, "kpi-leads", leads);
        var conversion = double.Parse(await page.GetByTestId("kpi-conversion").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
        Assert.Equal((double)converted / leads, conversion, precision: 5);

        // The at-risk campaigns and the goals each span the dashboard: side by side, a team's goals ran one per line.
        var dashboard = (await page.GetByTestId("dashboard").BoundingBoxAsync())!;
        foreach (var card in new[] { "at-risk-panel", "goals-card" })
        {
            var box = (await page.GetByTestId(card).BoundingBoxAsync())!;
            Assert.True(Math.Abs(box.Width - dashboard.Width) < 1, $"{card} is {box.Width} px wide in a {dashboard.Width} px dashboard");
        }
    }

    [Fact]
    public async Task A_BD_sees_only_their_campaigns_numbers()
    {
        var page = await SignedInPageAsync("bd2@facturix.local");

        await using var db = FacturixDbOptions.CreateContext(App.ConnectionString);
        var bdId = await db.Users.Where(u => u.Email == "bd2@facturix.local").Select(u => u.Id).SingleAsync();
        var theirLeads = await db.Leads.CountAsync(l => db.CampaignAssignments.Any(a => a.CampaignId == l.CampaignId && a.UserId == bdId));
        await ExpectKpi(page, "kpi-leads", theirLeads);
        Assert.True(theirLeads < await db.Leads.CountAsync());
    }

    [Fact]
    public async Task KPIs_update_live_in_other_open_dashboards_without_reload()
    {
        var adminPage = await SignedInPageAsync("admin@facturix.local");
        var managerPage = await SignedInPageAsync("manager@facturix.local");
        var adminBefore = await KpiValue(adminPage, "kpi-accounts");
        var managerBefore = await KpiValue(managerPage, "kpi-accounts");
        var navigations = 0;
        adminPage.FrameNavigated += (_, _) => navigations++;
        managerPage.FrameNavigated += (_, _) => navigations++;

        // The manager creates an account (through the same domain service their circuit would call). It is assigned
        // to them: the admin's dashboard counts it as part of the agency, the manager's own because their scope grew.
        await App.Get<IAccountService>().CreateAsync(await App.ActorAsync("manager@facturix.local"),
            new AccountInput { Name = "Live Update SAS" });

        await ExpectKpi(managerPage, "kpi-accounts", managerBefore + 1);
        await ExpectKpi(adminPage, "kpi-accounts", adminBefore + 1);
        Assert.Equal(0, navigations);
    }

    [Fact]
    public async Task After_the_event_listener_loses_its_connection_the_dashboard_catches_up_without_reload()
    {
        var page = await SignedInPageAsync("admin@facturix.local");
        var before = await KpiValue(page, "kpi-accounts");
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        // A change nobody announces (as if its event were lost while the listener was down)...
        await using (var db = FacturixDbOptions.CreateContext(App.ConnectionString))
        {
            db.Accounts.Add(new Account { Id = Guid.CreateVersion7(), Name = "Sans annonce SARL", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        Assert.Equal(before.ToString(CultureInfo.InvariantCulture), await page.GetByTestId("kpi-accounts").GetAttributeAsync("data-value"));

        // ...then the listener's connection dies: once it is back, every open page is told to resync and reloads.
        Assert.Equal(1, await LiveEventListenerKiller.TerminateAsync(App.ConnectionString));

        await ExpectKpi(page, "kpi-accounts", before + 1);
        Assert.Equal(0, navigations);
    }

    [Fact]
    public async Task A_manager_toggles_my_and_team_and_the_figures_change()
    {
        var (campaignId, bdEmail) = await ManagersCampaignAsync(leads: 0);
        await LogCallsAsync(campaignId, bdEmail, 3);

        var page = await SignedInPageAsync("manager@facturix.local");
        await page.GetByTestId("metrics-scope-my").ClickAsync();
        await Expect(page.GetByTestId("metrics-scope-my")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("metrics-scope-team")).ToHaveAttributeAsync("aria-pressed", "false");
        var mine = await KpiValue(page, "kpi-calls");
        await Expect(BdTile(page, bdEmail)).ToHaveCountAsync(0);

        await page.GetByTestId("metrics-scope-team").ClickAsync();

        await Expect(page.GetByTestId("metrics-scope-team")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("metrics-scope-my")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(BdTile(page, bdEmail)).ToHaveAttributeAsync("data-calls", "3");
        var team = await KpiValue(page, "kpi-calls");
        Assert.True(team >= mine + 3, $"team calls {team} should include the BD's 3 calls on top of the manager's own {mine}");
        // The demo's goals (this month's calls per BD): the team's goals card is not empty.
        await Expect(page.GetByTestId("goal-progress").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("goals-empty")).ToHaveCountAsync(0);

        // Remembered: a reload opens on the team figures.
        await page.ReloadAsync();
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("metrics-scope-team")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(BdTile(page, bdEmail)).ToHaveAttributeAsync("data-calls", "3");

        await page.GetByTestId("metrics-scope-my").ClickAsync();
        await Expect(BdTile(page, bdEmail)).ToHaveCountAsync(0);
        await ExpectKpi(page, "kpi-calls", mine);
    }

    [Fact]
    public async Task A_call_logged_by_a_BD_in_another_browser_moves_that_BDs_tile_on_the_managers_dashboard_without_reload()
    {
        var (campaignId, bdEmail) = await ManagersCampaignAsync(leads: 2);
        var manager = await SignedInPageAsync("manager@facturix.local");
        await manager.GetByTestId("metrics-scope-team").ClickAsync();
        await Expect(manager.GetByTestId("metrics-scope-team")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(BdTile(manager, bdEmail)).ToHaveAttributeAsync("data-calls", "0");
        var teamCalls = await KpiValue(manager, "kpi-calls");
        var navigations = 0;
        manager.FrameNavigated += (_, _) => navigations++;

        // The BD, in a browser of their own, takes the next lead and logs "no answer".
        var bd = await SignedInPageAsync(bdEmail, at: $"/workspace?campaign={campaignId}");
        await ClickUntilVisibleAsync(bd.GetByTestId("get-next"), bd.GetByTestId("current-lead"));
        await bd.GetByTestId("outcome-no-answer").ClickAsync();
        await Expect(bd.GetByTestId("outcome-recorded")).ToHaveAttributeAsync("data-key", "no-answer");

        await Expect(BdTile(manager, bdEmail)).ToHaveAttributeAsync("data-calls", "1");
        await ExpectKpi(manager, "kpi-calls", teamCalls + 1);
        Assert.Equal(0, navigations);
    }

    private static ILocator BdTile(IPage page, string email) =>
        page.Locator($"[data-testid='bd-tile'][data-user-email='{email}']");

    /// <summary>
    /// A client account of the demo manager's (created by them, so assigned to them) with an active campaign callable at
    /// any hour, a BD of the test's own assigned to it, and <paramref name="leads"/> new leads.
    /// </summary>
    private async Task<(Guid CampaignId, string BdEmail)> ManagersCampaignAsync(int leads)
    {
        var bdEmail = await NewStaffAsync("bd-dash");
        var manager = await App.ActorAsync("manager@facturix.local");
        var accountId = await App.Get<IAccountService>().CreateAsync(manager, new AccountInput { Name = $"Tableau {Guid.NewGuid():N}"[..20] });
        var campaignId = await App.Get<ICampaignService>().CreateAsync(await App.ActorAsync("admin@facturix.local"),
            new CampaignInput { AccountId = accountId, Name = $"Suivi {Guid.NewGuid():N}"[..16] });
        var now = DateTimeOffset.UtcNow;
        await using var db = FacturixDbOptions.CreateContext(App.ConnectionString);
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId);
        campaign.State = CampaignState.Active;
        // All day: 00:00–00:00 (decision 0077). 00:00–23:59 left 23:59 Paris time outside, and the journey failed then.
        (campaign.CallingHoursStart, campaign.CallingHoursEnd) = (TimeOnly.MinValue, TimeOnly.MinValue);
        var bdId = (await App.ActorAsync(bdEmail)).UserId;
        db.CampaignAssignments.Add(new CampaignAssignment { CampaignId = campaignId, UserId = bdId, AssignedAt = now });
        // What the assignment service announces: open dashboards and their cached scopes and pieces see the change.
        db.Publish(new AccessChanged(bdId));
        db.Leads.AddRange(Enumerable.Range(0, leads).Select(i => new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaignId, AccountId = accountId, Status = LeadStatus.New,
            FirstName = "Camille", LastName = $"Tableau {i}", Company = $"Société {i}", Email = $"dash{i}-{Guid.NewGuid():N}@example.fr",
            Phone = "+33612345678", Country = "FR", CreatedAt = now, UpdatedAt = now,
        }));
        await db.SaveChangesAsync();
        return (campaignId, bdEmail);
    }

    /// <summary>
    /// Calls by <paramref name="bdEmail"/> on the campaign just now, written straight to the table with the event every
    /// writer of a call publishes (the dashboard's cached pieces of that campaign move on it, decision 0064).
    /// </summary>
    private async Task LogCallsAsync(Guid campaignId, string bdEmail, int count)
    {
        var bdId = (await App.ActorAsync(bdEmail)).UserId;
        await using var db = FacturixDbOptions.CreateContext(App.ConnectionString);
        var accountId = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.AccountId).SingleAsync();
        foreach (var call in Enumerable.Range(0, count).Select(_ => new Activity
        {
            Id = Guid.CreateVersion7(), CampaignId = campaignId, AccountId = accountId, UserId = bdId, Kind = ActivityKind.Call,
            Outcome = CallOutcome.NoAnswer, OccurredAt = DateTimeOffset.UtcNow,
        }))
        {
            db.Activities.Add(call);
            db.Publish(new ActivityLogged(call.Id, call.Kind, null, campaignId, bdId));
        }
        await db.SaveChangesAsync();
    }

    private static Task ExpectKpi(IPage page, string testId, int value) =>
        Expect(page.GetByTestId(testId)).ToHaveAttributeAsync("data-value", value.ToString(CultureInfo.InvariantCulture));

    private static async Task<int> KpiValue(IPage page, string testId)
    {
        await Expect(page.GetByTestId(testId)).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        return int.Parse(await page.GetByTestId(testId).GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
    }
}
