using Bunit;
using Facturix.App.Campaigns;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>The campaign page's "Importer" link (people with imports.run) and its lead counts following imports and leads moving on, live.</summary>
public sealed class CampaignImportLinkTests : ShellTestContext
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private readonly ListedCampaigns _campaigns;

    public CampaignImportLinkTests() : this(new ListedCampaigns()) { }

    private CampaignImportLinkTests(ListedCampaigns campaigns) : base(services => services.AddSingleton<ICampaignService>(campaigns)
        .AddSingleton<Facturix.Domain.Dashboard.IDashboardService>(new Facturix.Tests.Dashboard.ScriptedDashboard()))
    {
        _campaigns = campaigns;
        _campaigns.Details = Details(CampaignState.Active, leads: 3);
    }

    private static CampaignDetails Details(CampaignState state, int leads) => new(
        CampaignId, Guid.NewGuid(), "Logivia", "Transporteurs", null, null, null, state, null, null,
        new TimeOnly(9, 0), new TimeOnly(18, 0), "Europe/Paris", 15, 6, 240, 1,
        Enum.GetValues<StatusCategory>().ToDictionary(c => c, c => c == StatusCategory.New ? leads : 0), CanConfigure: false);

    private IRenderedComponent<CampaignPage> RenderPage()
    {
        var host = Render<ImportHost>(p => p.AddChildContent<CampaignPage>(c => c.Add(x => x.Id, CampaignId)));
        return host.FindComponent<CampaignPage>();
    }

    [Fact]
    public void A_manager_gets_the_import_link_with_the_campaign_preselected()
    {
        SignIn(Roles.Manager);

        var page = RenderPage();

        var link = page.WaitForElement("[data-testid=campaign-import]");
        Assert.Equal($"/import?campaign={CampaignId}", link.GetAttribute("href"));
    }

    [Fact]
    public void A_business_developer_does_not_get_it()
    {
        SignIn(Roles.BusinessDeveloper);
        var page = RenderPage();
        page.WaitForElement("[data-testid=campaign-name]");
        Assert.Empty(page.FindAll("[data-testid=campaign-import]"));
    }

    [Theory]
    [InlineData(CampaignState.Archived)]
    [InlineData(CampaignState.Completed)] // decision 0092
    public void A_completed_or_archived_campaign_takes_no_import(CampaignState state)
    {
        SignIn(Roles.Admin);
        _campaigns.Details = Details(state, leads: 3);
        var archived = RenderPage();
        archived.WaitForElement("[data-testid=campaign-name]");
        Assert.Empty(archived.FindAll("[data-testid=campaign-import]"));
    }

    [Fact]
    public async Task Leads_imported_into_the_campaign_refresh_its_lead_count()
    {
        SignIn(Roles.Manager);
        var page = RenderPage();
        page.WaitForElement("[data-testid=campaign-name]");
        var reads = _campaigns.Gets;
        var events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();

        _campaigns.Details = Details(CampaignState.Active, leads: 9);
        await page.InvokeAsync(() => events.RaiseAsync(new LeadsImported(CampaignId, 6)));

        page.WaitForAssertion(() => Assert.Equal(reads + 1, _campaigns.Gets));
        page.WaitForAssertion(() => Assert.Equal("9", page.Find("[data-testid=campaign-leads][data-category=New]").GetAttribute("data-value")));
    }

    [Fact]
    public async Task A_lead_of_the_campaign_moving_on_refreshes_the_counts_by_category_one_of_another_campaign_does_not()
    {
        SignIn(Roles.Manager);
        var page = RenderPage();
        page.WaitForElement("[data-testid=campaign-name]");
        var reads = _campaigns.Gets;
        var events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();

        await page.InvokeAsync(() => events.RaiseAsync(new LeadUpdated(Guid.NewGuid(), Guid.NewGuid())));
        Assert.Equal(reads, _campaigns.Gets);

        // A BD's outcome moved one of the three new leads on.
        _campaigns.Details = Details(CampaignState.Active, leads: 2) with
        {
            LeadsByCategory = Enum.GetValues<StatusCategory>().ToDictionary(c => c, c => c switch
            {
                StatusCategory.New => 2,
                StatusCategory.InProgress => 1,
                _ => 0,
            }),
        };
        await page.InvokeAsync(() => events.RaiseAsync(new LeadUpdated(Guid.NewGuid(), CampaignId)));

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=campaign-leads][data-category=InProgress]").GetAttribute("data-value")));
        Assert.Equal("2", page.Find("[data-testid=campaign-leads][data-category=New]").GetAttribute("data-value"));
    }
}
