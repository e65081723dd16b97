using Bunit;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.Components;

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
    public void The_marker_is_absent_when_the_layout_is_not_interactive()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        SignIn(Roles.BusinessDeveloper);

        var cut = RenderShell();

        Assert.Empty(cut.FindAll("[data-testid=app-interactive]"));
        Assert.Contains("page body", cut.Markup);
    }
}
