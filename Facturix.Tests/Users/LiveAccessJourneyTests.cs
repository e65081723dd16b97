using System.Security.Claims;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Users;

/// <summary>Access follows the database live: an open tab loses a page the moment an admin takes the right away.</summary>
public sealed class LiveAccessJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_removes_a_role_and_that_users_open_tab_loses_the_page_live()
    {
        var email = $"deputy-{Guid.NewGuid():N}@test.local";
        var userId = await App.CreateUserAsync(email, Roles.Admin);
        var page = await SignedInPageAsync(email, at: "/admin/users");
        await Expect(page.GetByTestId("admin-users")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-admin")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user-menu-role")).ToHaveTextAsync("Administrateur");
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        // To BD: a manager would keep the admin area for its audit log.
        await App.Get<IUserDirectory>().SetRolesAsync(await App.ActorAsync("admin@facturix.local"), userId, [Roles.BusinessDeveloper]);

        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("admin-users")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("nav-admin")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("user-menu-role")).ToHaveTextAsync("Business developer");
        Assert.Equal(0, navigations);
    }

    [Fact]
    public async Task The_sign_in_cookie_says_who_someone_is_but_not_what_they_may_do()
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync("admin@facturix.local");

        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(admin!);

        Assert.Equal(admin!.Id.ToString(), principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Empty(principal.FindAll(ClaimTypes.Role));
    }

    [Fact]
    public async Task A_deactivated_user_loses_the_open_dashboard_live_and_cannot_sign_in_again()
    {
        var email = $"leaver-{Guid.NewGuid():N}@test.local";
        var userId = await App.CreateUserAsync(email, Roles.BusinessDeveloper);
        var page = await SignedInPageAsync(email);
        await Expect(page.GetByTestId("kpi-leads")).ToBeVisibleAsync();

        await App.Get<IUserDirectory>().SetActiveAsync(await App.ActorAsync("admin@facturix.local"), userId, active: false);

        // Deactivation ends the person's sessions (decision 0013): the open tab goes to sign-in, live.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await Expect(page.GetByTestId("kpi-leads")).ToHaveCountAsync(0);
        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));

        var again = await NewPageAsync();
        await again.GotoAsync("/Account/Login");
        await LoginInput(again, "login-email").FillAsync(email);
        await LoginInput(again, "login-password").FillAsync(Facturix.Infrastructure.DemoData.DemoDataSeeder.DemoPassword);
        await again.GetByTestId("login-submit").ClickAsync();
        await Expect(again.GetByTestId("login-not-allowed")).ToBeVisibleAsync();
    }
}
