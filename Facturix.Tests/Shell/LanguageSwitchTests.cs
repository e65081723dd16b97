using Bunit;
using Bunit.TestDoubles;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Shell;

public sealed class LanguageSwitchTests : ShellTestContext
{
    private BunitNavigationManager Navigation => (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void In_French_the_switch_reloads_through_SetCulture_to_English_and_back_to_the_same_page()
    {
        UseCulture("fr");
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell("/dashboard?campaign=42");

        cut.Find("[data-testid=language-switch]").Click();

        var navigation = Navigation.History.First();
        Assert.Equal("/Account/SetCulture?culture=en&returnUrl=%2Fdashboard%3Fcampaign%3D42", navigation.Uri);
        Assert.True(navigation.Options.ForceLoad);
    }

    [Fact]
    public void In_English_the_switch_goes_back_to_French()
    {
        UseCulture("en");
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell("/dashboard");

        cut.Find("[data-testid=language-switch]").Click();

        var navigation = Navigation.History.First();
        Assert.Equal("/Account/SetCulture?culture=fr&returnUrl=%2Fdashboard", navigation.Uri);
        Assert.True(navigation.Options.ForceLoad);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("fr-FR")]
    [InlineData("de")] // unsupported: the neutral resources are French
    public void Shell_labels_are_French_by_default(string culture)
    {
        UseCulture(culture);
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell();

        Assert.Equal("Tableau de bord", cut.Find("[data-testid=nav-dashboard]").TextContent.Trim());
        Assert.Equal("Passer en mode sombre", cut.Find("[data-testid=theme-switch]").GetAttribute("aria-label"));
        Assert.Equal("EN", cut.Find("[data-testid=language-switch]").TextContent.Trim());
    }

    [Fact]
    public void Shell_labels_are_English_when_the_culture_is_English()
    {
        UseCulture("en");
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell();

        Assert.Equal("Dashboard", cut.Find("[data-testid=nav-dashboard]").TextContent.Trim());
        Assert.Equal("Switch to dark mode", cut.Find("[data-testid=theme-switch]").GetAttribute("aria-label"));
        Assert.Equal("FR", cut.Find("[data-testid=language-switch]").TextContent.Trim());
    }
}
