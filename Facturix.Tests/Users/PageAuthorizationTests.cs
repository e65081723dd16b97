using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Facturix.Tests.Users;

/// <summary>
/// Every page requires sign-in through the project-wide _Imports.razor; only a short, known list opts out.
/// A page that adds [AllowAnonymous] (or loses [Authorize]) fails here before it reaches a browser.
/// </summary>
public sealed class PageAuthorizationTests
{
    private static readonly Type[] Pages = typeof(Facturix.App.Components.App).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Length > 0)
        .ToArray();

    [Fact]
    public void Only_sign_in_and_error_pages_are_open_to_strangers()
    {
        var anonymous = Pages
            .Where(p => p.GetCustomAttributes(typeof(IAllowAnonymous), inherit: true).Length > 0)
            .Select(p => p.Name)
            .Order();

        Assert.Equal(["AccessDenied", "Error", "Login", "NotFound", "SignOut"], anonymous);
    }

    [Fact]
    public void Every_other_page_requires_a_signed_in_user()
    {
        Assert.NotEmpty(Pages);
        Assert.All(Pages, page => Assert.True(
            page.GetCustomAttributes(typeof(IAllowAnonymous), inherit: true).Length > 0
            || page.GetCustomAttributes(typeof(IAuthorizeData), inherit: true).Length > 0,
            $"{page.FullName} declares neither [Authorize] nor [AllowAnonymous]."));
    }

    [Fact]
    public void The_admin_page_needs_the_users_manage_capability()
    {
        var admin = Pages.Single(p => p.Name == "AdminUsersPage");
        Assert.Contains(admin.GetCustomAttributes(typeof(Facturix.App.Users.RequireCapabilityAttribute), inherit: true)
            .Cast<Facturix.App.Users.RequireCapabilityAttribute>(), a => a.Capability == Facturix.Domain.Users.Capability.UsersManage);
    }
}
