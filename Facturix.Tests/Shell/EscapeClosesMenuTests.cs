using System.Text.RegularExpressions;
using Bunit;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components.Web;

namespace Facturix.Tests.Shell;

/// <summary>
/// Escape closes a menu while the focus is still on its button (Shell/EscapeClosesMenu): MudBlazor 9 handles Escape only
/// inside the list, so a menu opened with a click stayed open.
/// </summary>
public sealed partial class EscapeClosesMenuTests : ShellTestContext
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

    [Fact]
    public void Every_menu_of_the_app_is_wrapped_so_Escape_closes_it()
    {
        // The user menu handles Escape itself (its own button gets the focus back, ADR 0090).
        var unwrapped = SourceTree.RazorFiles()
            .Where(file => Path.GetFileName(file) != "UserMenu.razor")
            .Select(file => (File: Path.GetFileName(file), Text: File.ReadAllText(file)))
            .Where(f => MenuTag().Count(f.Text) > WrapperTag().Count(f.Text))
            .Select(f => f.File)
            .ToList();
        Assert.True(unwrapped.Count == 0, $"A MudMenu outside EscapeClosesMenu (ADR 0100) in: {string.Join(", ", unwrapped)}");
    }

    [GeneratedRegex(@"<MudMenu[\s>]")]
    private static partial Regex MenuTag();

    [GeneratedRegex(@"<EscapeClosesMenu[\s>]")]
    private static partial Regex WrapperTag();
}
