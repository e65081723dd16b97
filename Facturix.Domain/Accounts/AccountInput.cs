using FluentValidation;

namespace Facturix.Domain.Accounts;

/// <summary>What a person types to create or edit an account. Validated in the form and again in the service.</summary>
public sealed class AccountInput
{
    public string Name { get; set; } = "";
    public string? Industry { get; set; }
    public string? Website { get; set; }
    public string? Siren { get; set; }
    public string? City { get; set; }
    public string Country { get; set; } = "FR";
}

/// <summary>
/// Codes only ("account.field.rule"), no messages: the App words each code in French and English (ErrorStrings).
/// </summary>
public sealed class AccountInputValidator : AbstractValidator<AccountInput>
{
    public const int NameMaxLength = 200;
    public const int WebsiteMaxLength = 300;

    public AccountInputValidator()
    {
        RuleFor(a => a.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("account.name.required")
            .MaximumLength(NameMaxLength).WithErrorCode("account.name.too-long");
        RuleFor(a => a.Siren)
            .Matches("^[0-9]{9}$").WithErrorCode("account.siren.format")
            .When(a => !string.IsNullOrEmpty(a.Siren));
        // The pattern already demands two letters; NotEmpty is there because Matches lets null through.
        RuleFor(a => a.Country).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("account.country.required")
            .Matches("^[A-Z]{2}$").WithErrorCode("account.country.format");
        RuleFor(a => a.Website)
            .MaximumLength(WebsiteMaxLength).WithErrorCode("account.website.too-long");
    }
}
