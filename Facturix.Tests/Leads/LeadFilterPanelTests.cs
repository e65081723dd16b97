using Bunit;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;

namespace Facturix.Tests.Leads;

/// <summary>The leads list's filter panel builds the query the service receives.</summary>
public sealed class LeadFilterPanelTests : ShellTestContext
{
    private static readonly Guid CampaignA = Guid.NewGuid();
    private static readonly Guid CampaignB = Guid.NewGuid();
    private static readonly Guid MeetingStatus = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();

    private static readonly LeadFilterOptions Options = new(
        [new LeadFilterCampaign(CampaignA, "Relance Alpha", Guid.NewGuid()), new LeadFilterCampaign(CampaignB, "Relance Beta", Guid.NewGuid())],
        [],
        [new LeadFilterOwner(Owner, "bd1@facturix.local", "Léa BD")],
        [new LeadFilterStatus(MeetingStatus, "RDV pris", LeadStatus.MeetingBooked, StatusCategory.InProgress)],
        ["BE", "FR"]);

    public LeadFilterPanelTests() => SignIn(Roles.BusinessDeveloper);

    private IRenderedComponent<LeadFilterHost> RenderPanel(LeadListQuery? query = null) =>
        Render<LeadFilterHost>(p => p.Add(h => h.Options, Options).Add(h => h.Query, query ?? LeadListQuery.Empty));

    private static void Pick(IRenderedComponent<LeadFilterHost> host, string testId, string item)
    {
        var hook = host.Find($"[data-testid={testId}]");
        var control = hook.ClassList.Contains("mud-input-control") ? hook
            : hook.QuerySelector(".mud-input-control") ?? hook.Closest(".mud-input-control") ?? hook;
        control.MouseDown();
        host.WaitForElements(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == item).Click();
    }

    [Fact]
    public void A_campaign_status_becomes_the_status_filter_and_keeps_the_campaign()
    {
        var host = RenderPanel(new LeadListQuery(CampaignId: CampaignA));

        Pick(host, "lead-filter-status", "RDV pris");

        host.WaitForAssertion(() => Assert.Equal(
            new LeadListQuery(CampaignId: CampaignA, CampaignStatusId: MeetingStatus), host.Instance.Received.Last()));
    }

    [Fact]
    public void A_category_replaces_a_chosen_campaign_status()
    {
        var host = RenderPanel(new LeadListQuery(CampaignId: CampaignA, CampaignStatusId: MeetingStatus));

        Pick(host, "lead-filter-status", "Gagné");

        host.WaitForAssertion(() => Assert.Equal(
            new LeadListQuery(CampaignId: CampaignA, Category: StatusCategory.Won), host.Instance.Received.Last()));
    }

    [Fact]
    public void Changing_the_campaign_drops_the_other_campaigns_status()
    {
        var host = RenderPanel(new LeadListQuery(CampaignId: CampaignA, CampaignStatusId: MeetingStatus, OwnerId: Owner));

        Pick(host, "lead-filter-campaign", "Relance Beta");

        host.WaitForAssertion(() => Assert.Equal(
            new LeadListQuery(CampaignId: CampaignB, OwnerId: Owner), host.Instance.Received.Last()));
    }

    [Fact]
    public void The_search_box_owner_country_and_contact_filters_reach_the_query()
    {
        var host = RenderPanel();

        host.Find("[data-testid=lead-search] input, input[data-testid=lead-search]").Input("helene");
        host.WaitForAssertion(() => Assert.Equal("helene", host.Instance.Received.Last().Search));
        Pick(host, "lead-filter-owner", "Léa BD");
        Pick(host, "lead-filter-country", "Belgique (BE)"); // named as the country fields name it, the code kept
        Pick(host, "lead-filter-email", "Absent");

        host.WaitForAssertion(() => Assert.Equal(
            new LeadListQuery(Search: "helene", OwnerId: Owner, Country: "BE", HasEmail: false), host.Instance.Received.Last()));
    }

    [Fact]
    public void A_saved_views_date_ranges_show_in_their_pickers()
    {
        var (createdFrom, createdTo) = Facturix.App.Leads.LeadFilterPanel.Instants(new MudBlazor.DateRange(new DateTime(2026, 7, 1), new DateTime(2026, 7, 31)));
        var (activeFrom, _) = Facturix.App.Leads.LeadFilterPanel.Instants(new MudBlazor.DateRange(new DateTime(2026, 11, 2), null));

        var host = RenderPanel(new LeadListQuery(CreatedFrom: createdFrom, CreatedTo: createdTo, LastActivityFrom: activeFrom));

        // The range picker has one input per end.
        string[] Shown(string testId) => host.FindAll($"[data-testid={testId}] input, input[data-testid={testId}]")
            .Select(i => i.GetAttribute("value") ?? "").ToArray();
        Assert.Equal(["01/07/2026", "31/07/2026"], Shown("lead-filter-created"));
        Assert.Equal("02/11/2026", Shown("lead-filter-activity")[0]);
        Assert.Empty(host.Instance.Received);
    }

    [Fact]
    public void Each_filter_hook_is_one_element_and_a_date_range_hook_holds_both_of_its_inputs()
    {
        var host = RenderPanel();

        // MudDateRangePicker repeats the attributes it is given on its start and end inputs: two matches per hook.
        foreach (var hook in new[] { "lead-filter-created", "lead-filter-activity" })
        {
            var range = Assert.Single(host.FindAll($"[data-testid={hook}]"));
            Assert.Equal(2, range.QuerySelectorAll("input").Length);
        }
        var repeated = host.FindAll("[data-testid]").GroupBy(e => e.GetAttribute("data-testid")).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(repeated);
    }

    [Fact]
    public void An_import_filter_shows_as_a_chip_naming_the_file_and_its_remove_button_keeps_the_other_filters()
    {
        var importId = Guid.NewGuid();
        var options = Options with { Import = new LeadFilterImport(importId, "clients-mars.csv", new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero)) };
        var host = Render<LeadFilterHost>(p => p.Add(h => h.Options, options)
            .Add(h => h.Query, new LeadListQuery(CampaignId: CampaignA, ImportId: importId)));

        var chip = host.Find("[data-testid=lead-filter-import]");
        // The day is Paris's: 23:30 UTC on 1 March is already the 2nd there.
        Assert.Equal("Import\u00a0: clients-mars.csv du 02/03/2026", chip.TextContent.Trim());
        Assert.Equal("Retirer le filtre d'import", host.Find("[data-testid=lead-filter-import-clear]").GetAttribute("aria-label"));

        host.Find("[data-testid=lead-filter-import-clear]").Click();

        Assert.Equal(new LeadListQuery(CampaignId: CampaignA), host.Instance.Received.Last());
        Assert.Empty(host.FindAll("[data-testid=lead-filter-import]"));
    }

    [Fact]
    public void No_chip_while_the_import_is_not_named_yet()
    {
        var host = RenderPanel(new LeadListQuery(ImportId: Guid.NewGuid()));
        Assert.Empty(host.FindAll("[data-testid=lead-filter-import]"));
    }

    [Fact]
    public void No_chip_naming_another_import_than_the_one_filtered_on()
    {
        var stale = Options with { Import = new LeadFilterImport(Guid.NewGuid(), "ancien.csv", DateTimeOffset.UnixEpoch) };
        var host = Render<LeadFilterHost>(p => p.Add(h => h.Options, stale).Add(h => h.Query, new LeadListQuery(ImportId: Guid.NewGuid())));
        Assert.Empty(host.FindAll("[data-testid=lead-filter-import]"));
    }

    [Fact]
    public void A_day_range_covers_both_whole_days_in_Paris_time()
    {
        var (from, to) = Facturix.App.Leads.LeadFilterPanel.Instants(new MudBlazor.DateRange(new DateTime(2026, 7, 1), new DateTime(2026, 7, 2)));

        Assert.Equal(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 22, 0, 0, TimeSpan.Zero).AddTicks(-1), to);
    }
}
