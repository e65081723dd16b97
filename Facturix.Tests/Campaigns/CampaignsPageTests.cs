using System.Text.RegularExpressions;
using Bunit;
using Facturix.App.Campaigns;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Import;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Campaigns;

/// <summary>
/// The campaigns list's five columns: the client under the campaign's name, the dates as one period (each column sorts by either fact),
/// the script as an icon named after its campaign.
/// </summary>
public sealed class CampaignsPageTests() : ShellTestContext(services => services.AddSingleton<ICampaignService>(new ListedCampaigns(WithScript, WithoutScript)))
{
    private static readonly CampaignRow WithScript = new(Guid.NewGuid(), "ETI d'Île-de-France", Guid.NewGuid(), "Cabinet Verlaine RH",
        CampaignState.Active, new DateOnly(2026, 10, 7), new DateOnly(2027, 2, 4), 30, HasScript: true);
    private static readonly CampaignRow WithoutScript = new(Guid.NewGuid(), "Syndics", Guid.NewGuid(), "Thermonord",
        CampaignState.Draft, null, null, 0, HasScript: false);

    private ListedCampaigns Campaigns => (ListedCampaigns)Services.GetRequiredService<ICampaignService>();

    [Fact]
    public void A_row_reads_campaign_and_client_period_leads_and_a_named_script_link()
    {
        SignIn(Roles.Admin);
        var page = Render<CampaignsPage>();

        var rows = page.WaitForElements("[data-testid=campaign-list] tbody tr");
        Assert.Equal(2, rows.Count);
        var first = rows[0];
        Assert.Equal("ETI d'Île-de-France", first.QuerySelector("[data-testid=campaign-row]")!.TextContent.Trim());
        Assert.Equal("Cabinet Verlaine RH", first.QuerySelector("[data-testid=campaign-row-account]")!.TextContent.Trim());
        Assert.Contains(first.QuerySelectorAll("td"), cell => cell.TextContent.Trim() == "07/10/2026 →\u00A004/02/2027");
        var script = first.QuerySelector("[data-testid=campaign-script-link]")!;
        Assert.Equal($"/campaigns/{WithScript.Id}?tab=script", script.GetAttribute("href"));
        Assert.Equal("Voir le script de «\u00A0ETI d'Île-de-France\u00A0»", script.GetAttribute("aria-label"));
        Assert.Contains(rows[1].QuerySelectorAll("td"), cell => cell.TextContent.Trim() == "— →\u00A0—");
        Assert.Null(rows[1].QuerySelector("[data-testid=campaign-script-link]"));
        Assert.Equal(["Campagne · Client", "État", "Début → Fin", "Leads", "Script"],
            page.FindAll("[data-testid=campaign-list] thead th").Select(th => Regex.Replace(th.TextContent, @"\s+", " ").Trim()));
    }

    [Fact]
    public async Task Leads_removed_at_once_from_a_campaign_in_scope_update_its_count_changes_outside_the_scope_do_not_reload()
    {
        SignIn(Roles.Manager, scope: new ScopeSnapshot(false, new HashSet<Guid> { WithScript.AccountId }, new HashSet<Guid> { WithScript.Id }));
        var events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
        var page = Render<CampaignsPage>();
        page.WaitForAssertion(() => Assert.Contains(LeadsCell(page), cell => cell == "30"));
        var lists = Campaigns.Lists;

        // Another team's campaign, edited or cleaned up: nothing this manager sees.
        await events.RaiseAsync(new CampaignChanged(Guid.NewGuid(), Guid.NewGuid()));
        await events.RaiseAsync(new LeadsChanged([Guid.NewGuid()]));
        Assert.Equal(lists, Campaigns.Lists);

        // The import into this campaign reverted: its 12 leads are gone.
        Campaigns.Rows = [WithScript with { LeadCount = 18 }, WithoutScript];
        await events.RaiseAsync(new LeadsChanged([WithScript.Id]));

        page.WaitForAssertion(() => Assert.Contains(LeadsCell(page), cell => cell == "18"));
    }

    [Fact]
    public async Task When_the_last_page_s_campaign_leaves_the_list_it_steps_back_to_the_page_before_not_to_the_first()
    {
        SignIn(Roles.Admin);
        Campaigns.Rows = Enumerable.Range(0, 51).Select(i => WithoutScript with { Id = Guid.NewGuid(), Name = $"Campagne {i:00}" }).ToList();
        var page = Render<CampaignsPage>();
        page.WaitForElements("[data-testid=campaign-row]");
        page.FindAll(".mud-table-pagination-actions button").Last().Click(); // last page: campaign 50 alone
        page.WaitForAssertion(() => Assert.Equal(["Campagne 50"], Names(page)));

        // Someone else archives it, and this list shows active ones only... or it leaves the viewer's scope: 50 remain.
        var gone = Campaigns.Rows[^1];
        Campaigns.Rows = Campaigns.Rows.Take(50).ToList();
        await page.InvokeAsync(() => ((InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>())
            .RaiseAsync(new CampaignChanged(gone.Id, gone.AccountId)));

        // The second page (25 to 49), where the reader was, rather than "no campaigns" or the first page.
        page.WaitForAssertion(() => Assert.Equal("Campagne 25", Names(page).FirstOrDefault()));
        Assert.Equal(25, Names(page).Count);
        Assert.Empty(page.FindAll("[data-testid=campaigns-empty]"));
    }

    [Fact]
    public void Lead_counts_group_thousands_as_the_page_language_does()
    {
        SignIn(Roles.Admin);
        Campaigns.Rows = [WithScript with { LeadCount = 1_800 }, WithoutScript];
        var page = Render<CampaignsPage>();

        // French groups with a narrow no-break space; a plain int column read "1800" beside dashboards saying "13 000".
        page.WaitForAssertion(() => Assert.Contains(LeadsCell(page), cell => cell == "1\u202F800"));
    }

    private static List<string> Names(IRenderedComponent<CampaignsPage> page) =>
        page.FindAll("[data-testid=campaign-row]").Select(a => a.TextContent.Trim()).ToList();

    private static IEnumerable<string> LeadsCell(IRenderedComponent<CampaignsPage> page) =>
        page.FindAll("[data-testid=campaign-list] tbody td.fx-cell-number").Select(td => td.TextContent.Trim());

    [Theory]
    [InlineData("campaign-sort-name", CampaignRow.SortKeys.Name)]
    [InlineData("campaign-sort-client", CampaignRow.SortKeys.Account)]
    [InlineData("campaign-sort-start", CampaignRow.SortKeys.StartsOn)]
    [InlineData("campaign-sort-end", CampaignRow.SortKeys.EndsOn)]
    public void Each_fact_of_the_two_fact_columns_sorts_the_list_one_way_then_the_other(string button, string sortKey)
    {
        SignIn(Roles.Admin);
        var page = Render<CampaignsPage>();
        page.WaitForElements("[data-testid=campaign-row]");

        page.Find($"[data-testid={button}]").Click();
        page.WaitForAssertion(() => Assert.Equal((sortKey, false), (Campaigns.LastPage?.SortBy, Campaigns.LastPage?.SortDescending ?? true)));
        page.WaitForAssertion(() => Assert.Equal("ascending", page.Find($"[data-testid={button}]").GetAttribute("data-sort")));

        page.Find($"[data-testid={button}]").Click();
        page.WaitForAssertion(() => Assert.Equal((sortKey, true), (Campaigns.LastPage?.SortBy, Campaigns.LastPage?.SortDescending ?? false)));
        page.WaitForAssertion(() => Assert.Equal("descending", page.Find($"[data-testid={button}]").GetAttribute("data-sort")));
    }

    [Fact]
    public void A_column_s_own_sort_takes_over_from_a_header_button()
    {
        SignIn(Roles.Admin);
        var page = Render<CampaignsPage>();
        page.WaitForElements("[data-testid=campaign-row]");
        page.Find("[data-testid=campaign-sort-client]").Click();
        page.WaitForAssertion(() => Assert.Equal(CampaignRow.SortKeys.Account, Campaigns.LastPage?.SortBy));

        page.FindAll("[data-testid=campaign-list] thead th").Single(th => th.TextContent.Trim() == "Leads")
            .QuerySelector(".sortable-column-header")!.Click();

        page.WaitForAssertion(() => Assert.Equal(CampaignRow.SortKeys.Leads, Campaigns.LastPage?.SortBy));
        page.WaitForAssertion(() => Assert.Equal("none", page.Find("[data-testid=campaign-sort-client]").GetAttribute("data-sort")));
    }
}
