using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace Facturix.Tests.Shell;

/// <summary>
/// Escape closes a menu while the focus is still on its button (Shell/EscapeClosesMenu): MudBlazor 9 handles Escape only
/// inside the list, so a menu opened with a click stayed open.
/// </summary>
public sealed class EscapeClosesMenuTests : ShellTestContext
{
    [Fact]
    public void Escape_on_the_button_closes_the_open_menu_and_other_keys_do_not()
    {
        var cut = Render<EscapeMenuHost>();
        cut.Find("button").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=host-menu-item]")));

        cut.Find(".fx-escape-closes-menu").KeyDown(new KeyboardEventArgs { Key = "a" });
        Assert.NotEmpty(cut.FindAll("[data-testid=host-menu-item]"));

        cut.Find(".fx-escape-closes-menu").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=host-menu-item]")));
    }
}
