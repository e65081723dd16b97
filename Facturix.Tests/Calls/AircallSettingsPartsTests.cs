using Bunit;
using Facturix.App.Calls;
using Facturix.Domain.Calls;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Calls;

/// <summary>
/// The admin's Aircall settings page and each person's Aircall user dialog: what they send to their services, what they
/// show back, and that a refusal keeps what was typed.
/// </summary>
public sealed class AircallSettingsPartsTests() : ShellTestContext(services =>
{
    services.AddSingleton<IAircallSettingsService>(new ScriptedSettings());
    services.AddSingleton<IAircallUserLink>(new ScriptedUserLink());
})
{
    private ScriptedSettings Settings => (ScriptedSettings)Services.GetRequiredService<IAircallSettingsService>();
    private ScriptedUserLink Link => (ScriptedUserLink)Services.GetRequiredService<IAircallUserLink>();

    [Fact]
    public void Saving_sends_the_typed_secrets_once_then_blanks_them_and_shows_them_stored()
    {
        SignIn(Roles.Admin);
        var snackbar = Render<MudSnackbarProvider>();
        var page = Render<AircallSettingsPage>();
        var status = page.WaitForElement("[data-testid=aircall-status]");
        Assert.Equal(("unset", "unset"), (status.GetAttribute("data-api"), status.GetAttribute("data-webhook")));

        Field(page, "aircall-api-id").Change("api-123");
        Field(page, "aircall-api-token").Change("secret-token");
        Field(page, "aircall-webhook-token").Change("hook-token");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("set", page.Find("[data-testid=aircall-status]").GetAttribute("data-api")));
        Assert.Equal(("api-123", "secret-token", "hook-token"), Settings.Saved);
        Assert.Equal("set", page.Find("[data-testid=aircall-status]").GetAttribute("data-webhook"));
        // Secrets are never shown back: the fields are blank again, the id stays.
        Assert.Equal("", Field(page, "aircall-api-token").GetAttribute("value") ?? "");
        Assert.Equal("api-123", Field(page, "aircall-api-id").GetAttribute("value"));
        snackbar.WaitForAssertion(() => Assert.Equal("success", snackbar.Find("[data-testid=toast]").GetAttribute("data-severity")));
    }

    [Fact]
    public void A_refused_save_puts_the_message_on_the_field_and_keeps_what_was_typed()
    {
        SignIn(Roles.Admin);
        Settings.Refusal = new ValidationException([new ValidationFailure(nameof(AircallSettingsInput.ApiToken), "too long")
            { ErrorCode = "aircall.api-token.too-long" }]);
        var page = Render<AircallSettingsPage>();
        page.WaitForElement("[data-testid=aircall-status]");

        Field(page, "aircall-api-id").Change("api-123");
        Field(page, "aircall-api-token").Change("typed-token");
        page.Find("form").Submit();

        var error = page.WaitForElement("[data-testid=field-error][data-field=ApiToken]");
        Assert.False(string.IsNullOrWhiteSpace(error.TextContent));
        Assert.Equal("typed-token", Field(page, "aircall-api-token").GetAttribute("value"));
        Assert.Equal("unset", page.Find("[data-testid=aircall-status]").GetAttribute("data-api"));
    }

    [Fact]
    public void The_webhook_address_is_shown_in_a_field_and_copied_in_one_click()
    {
        SignIn(Roles.Admin);
        var snackbar = Render<MudSnackbarProvider>();
        JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true).SetVoidResult();
        var page = Render<AircallSettingsPage>();

        var field = Field(page, "aircall-webhook-url");
        var address = field.GetAttribute("value")!;
        Assert.EndsWith("/webhooks/aircall", address);
        Assert.True(field.HasAttribute("readonly"));
        page.Find("button[aria-label=\"Copier l'adresse du webhook\"]").Click();

        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText" && Equals(i.Arguments[0], address));
        snackbar.WaitForAssertion(() => Assert.Equal("success", snackbar.Find("[data-testid=toast]").GetAttribute("data-severity")));
    }

    [Fact]
    public void A_browser_refusing_the_clipboard_is_told_to_select_the_address_which_stays_in_its_field()
    {
        SignIn(Roles.Admin);
        var snackbar = Render<MudSnackbarProvider>();
        JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true).SetException(new Microsoft.JSInterop.JSException("NotAllowedError"));
        var page = Render<AircallSettingsPage>();

        page.Find("button[aria-label=\"Copier l'adresse du webhook\"]").Click();

        var toast = snackbar.WaitForElement("[data-testid=toast]");
        Assert.Equal("warning", toast.GetAttribute("data-severity"));
        Assert.Contains("sélectionnez l'adresse", toast.TextContent);
        Assert.EndsWith("/webhooks/aircall", Field(page, "aircall-webhook-url").GetAttribute("value"));
    }

    [Fact]
    public void Each_secret_says_whether_it_is_stored()
    {
        SignIn(Roles.Admin);
        Settings.View = new AircallSettingsView("id", HasApiToken: true, HasWebhookToken: false, false, false, null);
        var page = Render<AircallSettingsPage>();

        var chips = page.WaitForElements("[data-testid=aircall-status] [data-stored]");
        Assert.Equal([("true", "Jeton d'API enregistré"), ("false", "Jeton du webhook manquant")],
            chips.Select(c => (c.GetAttribute("data-stored")!, c.TextContent.Trim())));
    }

    [Fact]
    public void Values_given_by_configuration_are_said_so()
    {
        SignIn(Roles.Admin);
        Settings.View = new AircallSettingsView("cfg-id", true, true, ApiFromConfiguration: true, WebhookFromConfiguration: false, null);
        var page = Render<AircallSettingsPage>();
        page.WaitForElement("[data-testid=aircall-from-configuration]");
        Assert.Equal("cfg-id", Field(page, "aircall-api-id").GetAttribute("value"));
    }

    [Fact]
    public async Task The_user_dialog_shows_the_current_link_saves_a_number_and_unlinks_when_blank()
    {
        SignIn(Roles.BusinessDeveloper, "bd1@facturix.local");
        Link.Current = 4242;
        var dialogs = Render<MudDialogProvider>();
        var dialogService = Services.GetRequiredService<IDialogService>();

        await dialogs.InvokeAsync(() => dialogService.ShowAsync<AircallUserDialog>());
        var field = dialogs.WaitForElement("[data-testid=aircall-user-id]");
        Assert.Equal("4242", field.GetAttribute("value"));
        field.Change(" 987654 ");
        dialogs.Find("[data-testid=form-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=aircall-user-dialog]")));
        Assert.Equal(987654L, Link.Current);

        await dialogs.InvokeAsync(() => dialogService.ShowAsync<AircallUserDialog>());
        dialogs.WaitForElement("[data-testid=aircall-user-id]").Change("");
        dialogs.Find("[data-testid=form-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=aircall-user-dialog]")));
        Assert.Null(Link.Current);
    }

    [Fact]
    public async Task Text_that_is_not_a_number_is_refused_by_the_service_and_the_dialog_stays_open_with_it()
    {
        SignIn(Roles.BusinessDeveloper, "bd1@facturix.local");
        var snackbar = Render<MudSnackbarProvider>();
        var dialogs = Render<MudDialogProvider>();
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<AircallUserDialog>());

        dialogs.WaitForElement("[data-testid=aircall-user-id]").Change("douze");
        dialogs.Find("[data-testid=form-submit]").Click();

        snackbar.WaitForAssertion(() => Assert.Contains("nombre positif", snackbar.Find("[data-testid=toast]").TextContent));
        Assert.Equal(-1L, Link.Attempted);
        Assert.Equal("douze", dialogs.Find("[data-testid=aircall-user-id]").GetAttribute("value"));
        Assert.Null(Link.Current);
    }

    [Fact]
    public async Task An_unreadable_link_opens_the_dialog_empty_with_a_message_instead_of_ending_the_circuit()
    {
        SignIn(Roles.BusinessDeveloper, "bd1@facturix.local");
        Link.ReadFailure = new InvalidOperationException("database down");
        var snackbar = Render<MudSnackbarProvider>();
        var dialogs = Render<MudDialogProvider>();

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<AircallUserDialog>());

        Assert.Equal("", dialogs.WaitForElement("[data-testid=aircall-user-id]").GetAttribute("value") ?? "");
        snackbar.WaitForAssertion(() => Assert.Equal("error", snackbar.Find("[data-testid=toast]").GetAttribute("data-severity")));
    }

    /// <summary>The input behind a MudTextField's hook (MudBlazor puts the attribute on the input itself or on its wrapper).</summary>
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<AircallSettingsPage> page, string testId)
    {
        var hooked = page.Find($"[data-testid={testId}]");
        return hooked.TagName == "INPUT" ? hooked : hooked.QuerySelector("input")!;
    }

    private sealed class ScriptedSettings : IAircallSettingsService
    {
        public AircallSettingsView View { get; set; } = new(null, false, false, false, false, null);
        public Exception? Refusal { get; set; }
        public (string ApiId, string? ApiToken, string? WebhookToken)? Saved { get; private set; }

        public Task<AircallSettingsView> GetAsync(Actor actor, CancellationToken ct = default) => Task.FromResult(View);

        public Task SaveAsync(Actor actor, AircallSettingsInput input, CancellationToken ct = default)
        {
            if (Refusal is not null) throw Refusal;
            Saved = (input.ApiId, input.ApiToken, input.WebhookToken);
            View = new AircallSettingsView(input.ApiId, View.HasApiToken || input.ApiToken is not null,
                View.HasWebhookToken || input.WebhookToken is not null, false, false, DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        }
    }

    /// <summary>Keeps the link like the real one, with its rule: a negative id is the "not a number" the dialog sends.</summary>
    private sealed class ScriptedUserLink : IAircallUserLink
    {
        public long? Current { get; set; }
        public long? Attempted { get; private set; }
        public Exception? ReadFailure { get; set; }

        public Task<long?> GetAsync(Actor actor, CancellationToken ct = default) =>
            ReadFailure is { } failure ? Task.FromException<long?>(failure) : Task.FromResult(Current);

        public Task SetAsync(Actor actor, long? aircallUserId, CancellationToken ct = default)
        {
            Attempted = aircallUserId;
            if (aircallUserId <= 0)
                throw new ValidationException([new ValidationFailure("AircallUserId", "invalid") { ErrorCode = AircallErrors.UserIdInvalid }]);
            Current = aircallUserId;
            return Task.CompletedTask;
        }
    }
}
