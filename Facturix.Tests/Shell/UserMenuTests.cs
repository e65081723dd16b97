using Bunit;
using Facturix.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Shell;

public sealed class UserMenuTests : ShellTestContext
{
    [Fact]
    public void The_user_menu_shows_who_is_signed_in_with_their_role()
    {
        UseCulture("fr");
        SignIn(Roles.Admin, displayName: "Isabelle Moreau");

        var cut = RenderShell();

        Assert.Equal("Isabelle Moreau", cut.Find("[data-testid=user-menu-name]").TextContent.Trim());
        Assert.Equal("Administrateur", cut.Find("[data-testid=user-menu-role]").TextContent.Trim());
    }

    [Fact]
    public void Opening_the_user_menu_offers_a_logout_that_posts_to_the_logout_endpoint()
    {
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell();
        Assert.Empty(cut.FindAll("[data-testid=logout]"));

        cut.Find("[data-testid=user-menu]").Click();

        var logout = cut.WaitForElement("[data-testid=logout]");
        Assert.Equal("submit", logout.GetAttribute("type"));
        var form = logout.Closest("form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("Account/Logout", form.GetAttribute("action"));
        Assert.Equal("test-token", form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value"));
    }

    [Fact]
    public void The_user_menu_offers_to_sign_out_everywhere_with_a_post_carrying_the_antiforgery_token()
    {
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell();

        cut.Find("[data-testid=user-menu]").Click();

        var everywhere = cut.WaitForElement("[data-testid=logout-everywhere]");
        Assert.Equal("submit", everywhere.GetAttribute("type"));
        var form = everywhere.Closest("form")!;
        Assert.Equal(("post", "Account/LogoutEverywhere"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal("test-token", form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value"));
    }

    [Fact]
    public void Without_an_antiforgery_token_logout_goes_through_the_static_sign_out_page()
    {
        Antiforgery.Token = null; // e.g. a 404 page: the prerender handed no token to the circuit
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell();

        // The menu re-renders once the actor's role arrives: find the elements when clicking, and wait for the outcome.
        cut.WaitForElement("[data-testid=user-menu]").Click();
        cut.WaitForElement("[data-testid=logout]").Click();

        var history = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().History;
        cut.WaitForAssertion(() => Assert.Contains(history, n => n.Uri == "/Account/SignOut" && n.Options.ForceLoad));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_open_user_menu_owns_menu_items_only(bool withAntiforgeryToken)
    {
        // MudMenu's list is a role="menu": a plain button in it is what axe reports as aria-required-children (ADR 0090).
        if (!withAntiforgeryToken) Antiforgery.Token = null;
        SignIn(Roles.BusinessDeveloper);
        var cut = RenderShell();

        cut.WaitForElement("[data-testid=user-menu]").Click();

        cut.WaitForAssertion(() =>
        {
            var menu = cut.Find("[role=menu]");
            var buttons = menu.QuerySelectorAll("button, a, [role=button]");
            Assert.NotEmpty(buttons);
            Assert.All(buttons, b => Assert.Equal("menuitem", b.GetAttribute("role")));
        });
    }
}
