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

public sealed class AccountInputValidator : AbstractValidator<AccountInput>
{
    public AccountInputValidator()
    {
        RuleFor(a => a.Name).NotEmpty().MaximumLength(200);
        RuleFor(a => a.Siren).Matches("^[0-9]{9}$").When(a => !string.IsNullOrEmpty(a.Siren))
            .WithErrorCode("Siren");
        RuleFor(a => a.Country).NotEmpty().Length(2).Matches("^[A-Z]{2}$");
        RuleFor(a => a.Website).MaximumLength(300);
    }
}
