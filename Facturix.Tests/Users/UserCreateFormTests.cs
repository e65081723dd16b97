using Bunit;
using Facturix.App.Users.Admin;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Users;

/// <summary>The "new user" form: field errors in the person's language, typed values kept on a refusal, the password shown once.</summary>
public sealed class UserCreateFormTests() : ShellTestContext(services => services.AddSingleton<IUserDirectory>(new ScriptedDirectory()))
{
    private ScriptedDirectory Directory => (ScriptedDirectory)Services.GetRequiredService<IUserDirectory>();

    [Fact]
    public void An_empty_form_shows_errors_under_its_fields_and_never_reaches_the_service()
    {
        var form = RenderForm();

        form.Find("form").Submit();

        Assert.Equal("Saisissez l'e-mail de la personne.", FieldError(form, "Email"));
        Assert.Equal("Saisissez le nom de la personne.", FieldError(form, "DisplayName"));
        Assert.Equal(0, Directory.Calls);
    }

    [Theory]
    [InlineData("fr", "Cet e-mail est déjà celui d'un membre de l'agence.")]
    [InlineData("en", "This email already belongs to a member of the agency.")]
    public void A_refused_email_shows_under_the_email_field_and_the_typed_values_stay(string culture, string expected)
    {
        UseCulture(culture);
        Directory.Create = input => throw new ValidationException(
            [new ValidationFailure(nameof(NewUserInput.Email), "taken", input.Email) { ErrorCode = ErrorCodes.UserEmailTaken }]);
        var form = RenderForm();
        form.Find("[data-testid=user-create-email]").Change("camille@agence.fr");
        form.Find("[data-testid=user-create-name]").Change("Camille Roux");

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Equal(expected, FieldError(form, "Email")));
        Assert.Equal(1, Directory.Calls);
        Assert.Equal("camille@agence.fr", form.Find("[data-testid=user-create-email]").GetAttribute("value"));
        Assert.Equal("Camille Roux", form.Find("[data-testid=user-create-name]").GetAttribute("value"));
        Assert.Empty(form.FindAll("[data-testid=user-generated-password]"));
        Assert.Empty(form.FindAll("[data-testid=toast]"));
    }

    [Fact]
    public void A_created_user_shows_the_generated_password_once_instead_of_the_form()
    {
        var id = Guid.NewGuid();
        Directory.Create = _ => new CreatedUser(id, "abcde-fghij-kmnpq-rstuv");
        Guid? closedWith = null;
        var form = RenderForm(created => closedWith = created);
        form.Find("[data-testid=user-create-email]").Change("camille@agence.fr");
        form.Find("[data-testid=user-create-name]").Change("Camille Roux");

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Equal("abcde-fghij-kmnpq-rstuv", form.Find("[data-testid=user-generated-password]").TextContent));
        Assert.Empty(form.FindAll("form"));
        Assert.Equal(("camille@agence.fr", "Camille Roux", Roles.BusinessDeveloper), Directory.LastInput);
        form.Find("[data-testid=user-password-done]").Click();
        Assert.Equal(id, closedWith);
    }

    private IRenderedComponent<UserCreateForm> RenderForm(Action<Guid?>? onClose = null)
    {
        SignIn(Roles.Admin);
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<UserCreateForm>(p => p.Add(f => f.OnClose, created => onClose?.Invoke(created)));
    }

    private static string? FieldError(IRenderedComponent<UserCreateForm> form, string field) =>
        form.FindAll($"[data-testid=field-error][data-field={field}]").SingleOrDefault()?.TextContent.Trim();

    private sealed class ScriptedDirectory : IUserDirectory
    {
        public Func<NewUserInput, CreatedUser> Create { get; set; } = _ => new CreatedUser(Guid.NewGuid(), "password");
        public int Calls { get; private set; }
        public (string, string, string)? LastInput { get; private set; }

        public Task<CreatedUser> CreateAsync(Actor actor, NewUserInput input, CancellationToken ct = default)
        {
            Calls++;
            LastInput = (input.Email, input.DisplayName, input.Role);
            return Task.FromResult(Create(input));
        }

        public Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SetRolesAsync(Actor actor, Guid userId, IReadOnlyCollection<string> roles, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SetActiveAsync(Actor actor, Guid userId, bool active, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<string> ResetPasswordAsync(Actor actor, Guid userId, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
