using System.Text.RegularExpressions;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Users;

/// <summary>An admin manages staff on /admin/users, and the people concerned feel it at once.</summary>
public sealed partial class AdminUsersJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Admin = "admin@facturix.local";

    [Fact]
    public async Task An_admin_deactivates_a_BD_whose_tab_is_open_and_that_tab_goes_to_sign_in()
    {
        var email = await NewStaffAsync("leaving");
        var bdPage = await SignedInPageAsync(email);
        await Expect(bdPage.GetByTestId("kpi-leads")).ToBeVisibleAsync();
        var admin = await AdminUsersPageAsync();
        var row = Row(admin, email);
        await Expect(row).ToHaveAttributeAsync("data-active", "true");

        await row.GetByTestId("user-deactivate").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();

        await Expect(bdPage).ToHaveURLAsync(LoginUrl());
        await Expect(bdPage.GetByTestId("kpi-leads")).ToHaveCountAsync(0);
        await Expect(row).ToHaveAttributeAsync("data-active", "false");
        await Expect(admin.Locator("[data-testid=toast][data-severity=success]")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("user-reactivate")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Cancelling_the_confirmation_leaves_the_person_active()
    {
        var email = await NewStaffAsync("staying");
        var admin = await AdminUsersPageAsync();
        var row = Row(admin, email);

        await row.GetByTestId("user-deactivate").ClickAsync();
        await admin.GetByTestId("confirm-cancel").ClickAsync();

        await Expect(admin.GetByTestId("confirm-dialog")).ToHaveCountAsync(0);
        Assert.True((await App.ActorAsync(email)).IsActive);
        await Expect(row).ToHaveAttributeAsync("data-active", "true");
    }

    [Fact]
    public async Task An_admin_creates_a_user_who_signs_in_with_the_password_shown_once()
    {
        var email = $"recrue-{Guid.NewGuid():N}@test.local";
        var admin = await AdminUsersPageAsync();

        await admin.GetByTestId("user-create").ClickAsync();
        await FillFieldsAsync((admin.GetByTestId("user-create-email"), email), (admin.GetByTestId("user-create-name"), "Jeanne Recrue"));
        await admin.GetByTestId("form-submit").ClickAsync();

        var shown = admin.GetByTestId("user-generated-password");
        await Expect(shown).ToBeVisibleAsync();
        var password = (await shown.TextContentAsync())!.Trim();
        Assert.Matches(PasswordShape(), password);
        await Expect(Row(admin, email)).ToHaveAttributeAsync("data-active", "true");
        await admin.GetByTestId("user-password-done").ClickAsync();
        await Expect(admin.GetByTestId("user-generated-password")).ToHaveCountAsync(0);
        await Expect(admin.GetByText(password)).ToHaveCountAsync(0);

        var recruit = await SignedInPageAsync(email, password);
        await Expect(recruit.GetByTestId("user-menu-role")).ToHaveTextAsync("Business developer");
    }

    [Fact]
    public async Task A_duplicate_email_is_refused_under_the_email_field()
    {
        var email = await NewStaffAsync("twice");
        var admin = await AdminUsersPageAsync();

        await admin.GetByTestId("user-create").ClickAsync();
        await FillFieldsAsync((admin.GetByTestId("user-create-email"), email.ToUpperInvariant()), (admin.GetByTestId("user-create-name"), "Doublon"));
        await admin.GetByTestId("form-submit").ClickAsync();

        await Expect(admin.Locator("[data-testid=field-error][data-field=Email]")).ToHaveTextAsync("Cet e-mail est déjà celui d'un membre de l'agence.");
        await Expect(admin.GetByTestId("user-create-email")).ToHaveValueAsync(email.ToUpperInvariant());
        await Expect(admin.GetByTestId("user-generated-password")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_resets_a_password_the_old_tab_goes_to_sign_in_and_the_new_password_works()
    {
        var email = await NewStaffAsync("forgetful");
        var bdPage = await SignedInPageAsync(email);
        var admin = await AdminUsersPageAsync();

        await Row(admin, email).GetByTestId("user-reset-password").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();

        var shown = admin.GetByTestId("user-generated-password");
        await Expect(shown).ToBeVisibleAsync();
        var password = (await shown.TextContentAsync())!.Trim();
        await Expect(bdPage).ToHaveURLAsync(LoginUrl());
        await admin.GetByTestId("user-password-done").ClickAsync();
        await Expect(shown).ToHaveCountAsync(0);
        var again = await SignedInPageAsync(email, password);
        await Expect(again.GetByTestId("app-interactive")).ToBeAttachedAsync();
    }

    [Fact]
    public async Task An_admin_lists_someones_sessions_and_ends_them_all()
    {
        var email = await NewStaffAsync("traveller");
        var bdPage = await SignedInPageAsync(email);
        var admin = await AdminUsersPageAsync();

        await Row(admin, email).GetByTestId("user-sessions").ClickAsync();
        await Expect(admin.GetByTestId("session-row")).ToHaveCountAsync(1);
        await ClickUntilVisibleAsync(admin.GetByTestId("sessions-end-all"), admin.GetByTestId("confirm-ok"));
        await admin.GetByTestId("confirm-ok").ClickAsync();

        await Expect(admin.GetByTestId("sessions-empty")).ToBeVisibleAsync();
        await Expect(bdPage).ToHaveURLAsync(LoginUrl());
    }

    [Fact]
    public async Task Demoting_an_admin_asks_first_then_takes_the_admin_area_away_and_promoting_asks_too()
    {
        var email = $"deputy-{Guid.NewGuid():N}@test.local";
        var userId = await App.CreateUserAsync(email, Roles.Admin);
        var admin = await AdminUsersPageAsync();
        var select = Row(admin, email).GetByTestId("user-role-select");
        await Expect(select).ToHaveAttributeAsync("data-role", Roles.Admin);

        await select.ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item").GetByText("Business developer", new() { Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();

        await Expect(select).ToHaveAttributeAsync("data-role", Roles.BusinessDeveloper);
        await Expect(admin.Locator("[data-testid=toast][data-severity=success]")).ToBeVisibleAsync();
        var actor = await App.ActorAsync(email);
        Assert.Equal([Roles.BusinessDeveloper], actor.Roles);
        Assert.False(actor.Can(Capability.UsersManage));
        Assert.NotEqual(Guid.Empty, userId);

        // Making someone admin asks too; cancelling leaves the role as it was.
        await select.ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item").GetByText("Administrateur", new() { Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("confirm-dialog")).ToContainTextAsync("administration");
        await admin.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(select).ToHaveAttributeAsync("data-role", Roles.BusinessDeveloper);
        Assert.Equal([Roles.BusinessDeveloper], (await App.ActorAsync(email)).Roles);
    }

    private async Task<IPage> AdminUsersPageAsync()
    {
        var page = await SignedInPageAsync(Admin, at: "/admin/users");
        await Expect(page.GetByTestId("admin-users")).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Row(IPage page, string email) =>
        page.Locator($"[data-testid='admin-user-row'][data-user-email='{email}']");

    private static Regex LoginUrl() => new("/Account/Login");

    [GeneratedRegex("^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$")]
    private static partial Regex PasswordShape();
}
