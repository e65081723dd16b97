using Bunit;
using Facturix.Domain.Users;
using MudBlazor;
using MudBlazor.Extensions;

namespace Facturix.Tests.Shell;

public sealed class ThemeSwitchTests : ShellTestContext
{
    [Fact]
    public void Clicking_the_theme_switch_turns_dark_mode_on_at_once_and_saves_it()
    {
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell();
        var themeProvider = cut.FindComponent<MudThemeProvider>();
        Assert.False(themeProvider.Instance.GetState(x => x.IsDarkMode));

        cut.Find("[data-testid=theme-switch]").Click();

        Assert.True(themeProvider.Instance.GetState(x => x.IsDarkMode));
        Assert.Contains("fx-shell--dark", cut.Find(".mud-layout").ClassName);
        Assert.Equal([(UserId, true)], Preferences.DarkModeWrites);
    }

    [Fact]
    public void The_saved_preference_is_applied_on_load_and_clicking_switches_back_to_light()
    {
        Preferences.Seed(UserId, new UserPreferences("fr", DarkMode: true));
        SignIn(Roles.Manager);
        var cut = RenderShell();
        var themeProvider = cut.FindComponent<MudThemeProvider>();
        Assert.True(themeProvider.Instance.GetState(x => x.IsDarkMode));
        Assert.Equal("true", cut.Find("[data-testid=theme-switch]").GetAttribute("aria-pressed"));

        cut.Find("[data-testid=theme-switch]").Click();

        Assert.False(themeProvider.Instance.GetState(x => x.IsDarkMode));
        Assert.Equal("false", cut.Find("[data-testid=theme-switch]").GetAttribute("aria-pressed"));
        Assert.Equal([(UserId, false)], Preferences.DarkModeWrites);
    }
}
