using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Dashboard;
using Facturix.Tests.Campaigns;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Dashboard;

/// <summary>The cohorts card of the campaign page: conversion by week of entry as a chart and a table, or a clear empty state.</summary>
public sealed class CohortsCardTests() : ShellTestContext(services => services.AddSingleton<IDashboardService>(new ScriptedDashboard()))
{
    private ScriptedDashboard Dashboard => (ScriptedDashboard)Services.GetRequiredService<IDashboardService>();

    private IRenderedComponent<TabHost> RenderCard() =>
        Render<TabHost>(p => p.AddChildContent<CohortsCard>(c => c.Add(x => x.CampaignId, DashboardSamples.CampaignA)));

    [Fact]
    public void Each_week_shows_its_leads_and_conversion_in_the_table()
    {
        SignIn(Domain.Users.Roles.Manager);
        Dashboard.Cohorts = [new CohortWeek(new DateOnly(2026, 11, 16), 40, 4), new CohortWeek(new DateOnly(2026, 11, 23), 10, 0)];

        var card = RenderCard();

        var rows = card.WaitForElements("[data-testid=cohort-table] [data-testid=cohort-week]");
        Assert.Equal(2, rows.Count);
        Assert.Equal("2026-11-16", rows[0].GetAttribute("data-week"));
        Assert.Equal("40", rows[0].GetAttribute("data-leads"));
        Assert.Equal("4", rows[0].GetAttribute("data-converted"));
        Assert.Contains("10,0", rows[0].TextContent); // 10 % in French
        Assert.Empty(card.FindAll("[data-testid=chart-empty]"));
    }

    [Theory]
    [InlineData("fr", "40\u202F%")]
    [InlineData("en", "40%")]
    public void The_chart_axis_writes_percentages_as_the_reader_does(string culture, string forty)
    {
        UseCulture(culture);
        SignIn(Domain.Users.Roles.Manager);
        Dashboard.Cohorts = [new CohortWeek(new DateOnly(2026, 11, 16), 40, 20), new CohortWeek(new DateOnly(2026, 11, 23), 10, 10)];

        var card = RenderCard();

        card.WaitForAssertion(() => Assert.Contains(card.FindAll("[data-testid=cohort-card] svg text"), t => t.TextContent.Trim() == forty));
        Assert.DoesNotContain(card.FindAll("[data-testid=cohort-card] svg text"), t => t.TextContent.Contains(" %"));
    }

    [Fact]
    public void A_campaign_without_leads_says_so()
    {
        SignIn(Domain.Users.Roles.BusinessDeveloper);

        var card = RenderCard();

        Assert.Contains("Aucun lead", card.WaitForElement("[data-testid=cohort-card] [data-testid=chart-empty]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=cohort-table]"));
    }

    [Fact]
    public void A_failure_shows_a_message_instead_of_breaking_the_campaign_page()
    {
        SignIn(Domain.Users.Roles.Manager);
        Dashboard.CohortFailure = new TimeoutException("busy");

        var card = RenderCard();

        Assert.Contains("Impossible de charger", card.WaitForElement("[data-testid=cohort-card] [data-testid=chart-empty]").TextContent);
        // A failed load is not an empty campaign: no "import leads" for what may well have leads.
        Assert.Empty(card.FindAll("[data-testid=chart-empty-action]"));
    }

    [Theory]
    [InlineData(Domain.Users.Roles.Manager, false, true)]
    [InlineData(Domain.Users.Roles.BusinessDeveloper, false, false)] // a BD cannot import
    [InlineData(Domain.Users.Roles.Manager, true, false)] // a completed or archived campaign refuses imports (0084, 0092)
    public void A_campaign_without_leads_offers_an_import_into_it_to_who_may_run_one_only(string role, bool closed, bool offered)
    {
        SignIn(role);

        var card = Render<TabHost>(p => p.AddChildContent<CohortsCard>(c => c
            .Add(x => x.CampaignId, DashboardSamples.CampaignA).Add(x => x.Closed, closed)));

        card.WaitForElement("[data-testid=cohort-card] [data-testid=chart-empty]");
        var actions = card.FindAll("[data-testid=cohort-card] [data-testid=chart-empty-action]");
        Assert.Equal(offered ? 1 : 0, actions.Count);
        if (offered)
        {
            Assert.Equal("import", actions[0].GetAttribute("data-action"));
            Assert.Equal($"/import?campaign={DashboardSamples.CampaignA}", actions[0].GetAttribute("href"));
        }
    }
}
