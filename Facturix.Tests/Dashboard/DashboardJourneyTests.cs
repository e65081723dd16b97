using System.Globalization;
using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
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

    private static Task ExpectKpi(IPage page, string testId, int value) =>
        Expect(page.GetByTestId(testId)).ToHaveAttributeAsync("data-value", value.ToString(CultureInfo.InvariantCulture));

    private static async Task<int> KpiValue(IPage page, string testId)
    {
        await Expect(page.GetByTestId(testId)).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        return int.Parse(await page.GetByTestId(testId).GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
    }
}
