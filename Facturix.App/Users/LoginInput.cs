using Facturix.App.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Users;

/// <summary>The sign-in form. Property names are the posted field names ("Input.Email", ...): keep them in sync with Login.razor.</summary>
public sealed class LoginInput
{
    public string Email { get; set; } = string.Empty;
    public string Password { get; set; } = string.Empty;
    public bool RememberMe { get; set; }
}

/// <summary>Shape checks before touching Identity; messages are localized.</summary>
public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator(IStringLocalizer<SharedStrings> localizer)
    {
        RuleFor(x => x.Email)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => localizer["Validation.EmailRequired"])
            .EmailAddress().WithMessage(_ => localizer["Validation.EmailInvalid"])
            .MaximumLength(256).WithMessage(_ => localizer["Validation.EmailInvalid"]);
        RuleFor(x => x.Password)
            .NotEmpty().WithMessage(_ => localizer["Validation.PasswordRequired"]);
    }
}
