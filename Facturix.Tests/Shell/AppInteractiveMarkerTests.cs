using Bunit;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Shell;

public sealed class AppInteractiveMarkerTests : ShellTestContext
{
    [Fact]
    public void The_marker_appears_after_the_first_interactive_render()
    {
        SignIn(Roles.BusinessDeveloper);

        var cut = RenderShell();

        var marker = cut.Find("[data-testid=app-interactive]");
        Assert.True(marker.HasAttribute("hidden"));
        // It comes from the re-render triggered in OnAfterRender, not from the first render.
        Assert.True(cut.RenderCount >= 2);
    }

    [Fact]
    public void The_marker_names_the_page_shown_and_follows_each_navigation()
    {
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell("/leads");
        Assert.Equal("/leads", cut.Find("[data-testid=app-interactive]").GetAttribute("data-location"));

        // What the router does on a navigation: a new location, then the layout rendered with the new page as its body.
        var campaign = Guid.NewGuid();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/campaigns/{campaign}?tab=script");
        cut.Render(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "next page"))));

        Assert.Equal($"/campaigns/{campaign}?tab=script", cut.Find("[data-testid=app-interactive]").GetAttribute("data-location"));
    }

    [Fact]
    public void The_marker_is_absent_when_the_layout_is_not_interactive()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        SignIn(Roles.BusinessDeveloper);

        var cut = RenderShell();

        Assert.Empty(cut.FindAll("[data-testid=app-interactive]"));
        Assert.Contains("page body", cut.Markup);
    }
}
