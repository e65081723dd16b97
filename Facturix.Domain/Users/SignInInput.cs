using FluentValidation;

namespace Facturix.Domain.Users;

/// <summary>
/// The sign-in form. Property names are the posted field names ("Input.Email", "Input.Password"): keep them in sync
/// with the App's Login.razor, whose static form posts them.
/// </summary>
public sealed class SignInInput
{
    public string Email { get; set; } = string.Empty;
    public string Password { get; set; } = string.Empty;
    public bool RememberMe { get; set; }
}

/// <summary>Shape checks before touching Identity. Codes only: the App words them (ErrorStrings).</summary>
public sealed class SignInInputValidator : AbstractValidator<SignInInput>
{
    /// <summary>Identity's column width for emails.</summary>
    public const int EmailMaxLength = 256;

    public SignInInputValidator()
    {
        RuleFor(x => x.Email)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("signin.email.required")
            .EmailAddress().WithErrorCode("signin.email.invalid")
            // EmailAddress() lets control characters through; a NUL reached PostgreSQL from an anonymous POST (a 500).
            .Must(email => !email.Any(char.IsControl)).WithErrorCode("signin.email.invalid")
            .MaximumLength(EmailMaxLength).WithErrorCode("signin.email.too-long");
        RuleFor(x => x.Password)
            .NotEmpty().WithErrorCode("signin.password.required");
    }
}
