using Facturix.Domain.Users;
using Facturix.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Users;

public sealed class AdminPageJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_BD_is_denied_the_admin_page_and_does_not_see_it_in_the_menu()
    {
        var page = await SignedInPageAsync("bd1@facturix.local");
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-admin")).ToHaveCountAsync(0);

        await page.GotoAsync("/admin");
        await WaitInteractiveAsync(page);

        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("admin-users")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_admin_opens_the_admin_page_from_the_menu()
    {
        var page = await SignedInPageAsync("admin@facturix.local");

        await page.GetByTestId("nav-admin").ClickAsync();

        await Expect(page.GetByTestId("admin-users")).ToBeVisibleAsync();
        // Other journeys may add users to the shared app; the eight demo users are always there.
        foreach (var email in new[] { "admin@facturix.local", "manager@facturix.local", "bd1@facturix.local", "bd6@facturix.local" })
            await Expect(page.Locator($"[data-testid='admin-user-row'][data-user-email='{email}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_staff_list_follows_a_deactivation_made_elsewhere_live()
    {
        var email = $"temp-{Guid.NewGuid():N}@test.local";
        var userId = await App.CreateUserAsync(email, Roles.BusinessDeveloper);
        var page = await SignedInPageAsync("admin@facturix.local", at: "/admin/users");
        var row = page.Locator($"[data-testid='admin-user-row'][data-user-email='{email}']");
        await Expect(row).ToHaveAttributeAsync("data-active", "true");

        await App.Get<IUserDirectory>().SetActiveAsync(await App.ActorAsync("admin@facturix.local"), userId, active: false);

        await Expect(row).ToHaveAttributeAsync("data-active", "false");
        await Expect(row).ToContainTextAsync("Désactivé");
    }

    [Fact]
    public async Task Health_answers_without_sign_in()
    {
        using var client = new HttpClient { BaseAddress = App.BaseAddress };
        var response = await client.GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
