using FluentValidation;

namespace Facturix.Domain.Users;

/// <summary>What an admin types to create a staff member. Validated in the form and again in the service.</summary>
public sealed class NewUserInput
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.BusinessDeveloper;
}

/// <summary>A new staff member created by an admin, with the first password generated for them (shown once, never stored in clear).</summary>
public sealed record CreatedUser(Guid UserId, string FirstPassword);

/// <summary>Codes only ("user.field.rule"); the App words each code in French and English (ErrorStrings).</summary>
public sealed class NewUserInputValidator : AbstractValidator<NewUserInput>
{
    /// <summary>RFC 5321's limit on a path; Identity's own column is wider.</summary>
    public const int EmailMaxLength = 254;
    public const int DisplayNameMaxLength = 100;

    public NewUserInputValidator()
    {
        // One "@", something on each side, a dot in the domain, no spaces: enough to catch typos; the person
        // proves the address by signing in with it.
        RuleFor(u => u.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("user.email.required")
            .MaximumLength(EmailMaxLength).WithErrorCode("user.email.too-long")
            // No control characters either: a NUL passed the pattern and PostgreSQL refused the lookup.
            .Matches(@"^[^@\s\p{Cc}]+@[^@\s\p{Cc}]+\.[^@\s\p{Cc}]+$").WithErrorCode("user.email.format")
            // Identity stores the normalized form in 256 characters; Unicode normalization can lengthen an address.
            .Must(email => email.Normalize().Length <= 256).WithErrorCode("user.email.too-long");
        RuleFor(u => u.DisplayName).Cascade(CascadeMode.Stop)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithErrorCode("user.display-name.required")
            .MaximumLength(DisplayNameMaxLength).WithErrorCode("user.display-name.too-long");
        RuleFor(u => u.Role)
            .Must(role => Roles.All.Contains(role)).WithErrorCode("user.role.unknown");
    }
}
