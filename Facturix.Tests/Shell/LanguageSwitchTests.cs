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
    public void In_French_the_switch_posts_English_with_a_token_and_the_current_page_as_return_url()
    {
        UseCulture("fr");
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell("/dashboard?campaign=42");

        var form = cut.Find("form:has([data-testid=language-switch])");

        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("Account/SetCulture", form.GetAttribute("action"));
        Assert.Equal("en", form.QuerySelector("input[name=culture]")!.GetAttribute("value"));
        Assert.Equal("/dashboard?campaign=42", form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"));
        Assert.Equal("test-token", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Equal("submit", cut.Find("[data-testid=language-switch]").GetAttribute("type"));
    }

    [Fact]
    public void In_English_the_switch_goes_back_to_French_and_follows_the_navigation()
    {
        UseCulture("en");
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell("/dashboard");

        Navigation.NavigateTo("/admin");

        cut.WaitForAssertion(() =>
            Assert.Equal("/admin", cut.Find("form:has([data-testid=language-switch]) input[name=returnUrl]").GetAttribute("value")));
        Assert.Equal("fr", cut.Find("form:has([data-testid=language-switch]) input[name=culture]").GetAttribute("value"));
    }

    [Fact]
    public void Without_an_antiforgery_token_the_switch_is_disabled_rather_than_refused()
    {
        Antiforgery.Token = null;
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell();

        Assert.True(cut.Find("[data-testid=language-switch]").HasAttribute("disabled"));
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
