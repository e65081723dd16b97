using Bunit;
using Facturix.App.Search;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Search;

/// <summary>The app bar's search box: Enter opens the search page with the words typed; nothing typed, nothing opened.</summary>
public sealed class GlobalSearchBoxTests : ShellTestContext
{
    [Fact]
    public void Enter_opens_the_search_page_with_the_words_and_empties_the_box()
    {
        SignIn(Roles.BusinessDeveloper);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/workspace");
        var box = Render<GlobalSearchBox>();

        box.Find("input[data-testid=global-search]").Input("  Hélène Durand ");
        box.Find("form").Submit();

        Assert.EndsWith("/search?q=H%C3%A9l%C3%A8ne%20Durand", navigation.Uri);
        Assert.True(string.IsNullOrEmpty(box.Find("input[data-testid=global-search]").GetAttribute("value")));
    }

    [Fact]
    public void Blank_words_open_nothing()
    {
        SignIn(Roles.BusinessDeveloper);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/workspace");
        var box = Render<GlobalSearchBox>();

        box.Find("input[data-testid=global-search]").Input("   ");
        box.Find("form").Submit();

        Assert.EndsWith("/workspace", navigation.Uri);
    }

    [Fact]
    public void The_main_layout_has_the_box_for_a_signed_in_person()
    {
        SignIn(Roles.BusinessDeveloper);
        var shell = RenderShell();

        var input = shell.Find("input[data-testid=global-search]");
        Assert.Equal("Control+K Meta+K", input.GetAttribute("aria-keyshortcuts"));
        Assert.NotNull(input.GetAttribute("data-global-search"));
    }
}
