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
    public AccountStatus Status { get; set; } = AccountStatus.Active;
    public string? ClientContactName { get; set; }
    public string? ClientContactEmail { get; set; }
    /// <summary>As typed ("06 12 34 56 78"); the service stores it in E.164, read with <see cref="Country"/> as the default region.</summary>
    public string? ClientContactPhone { get; set; }
    public string? Notes { get; set; }

    /// <summary>The values of a stored account, for the edit form.</summary>
    public static AccountInput From(AccountDetails account) => new()
    {
        Name = account.Name, Industry = account.Industry, Website = account.Website, Siren = account.Siren,
        City = account.City, Country = account.Country, Status = account.Status,
        ClientContactName = account.ClientContactName, ClientContactEmail = account.ClientContactEmail,
        ClientContactPhone = account.ClientContactPhone, Notes = account.Notes,
    };
}

/// <summary>
/// Codes only ("account.field.rule"), no messages: the App words each code in French and English (ErrorStrings).
/// </summary>
public sealed class AccountInputValidator : AbstractValidator<AccountInput>
{
    public const int NameMaxLength = 200;
    public const int WebsiteMaxLength = 300;
    public const int ShortTextMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int NotesMaxLength = 4000;

    public AccountInputValidator()
    {
        RuleFor(a => a.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("account.name.required")
            .MaximumLength(NameMaxLength).WithErrorCode("account.name.too-long");
        // Spaces are how a SIREN is printed ("732 829 320"): they are dropped before the rules, and when it is stored.
        RuleFor(a => a.Siren).Cascade(CascadeMode.Stop)
            .Must(s => AccountRules.SirenDigits(s) is { Length: 9 } digits && digits.All(char.IsAsciiDigit)).WithErrorCode("account.siren.format")
            .Must(s => AccountRules.IsLuhnValid(AccountRules.SirenDigits(s))).WithErrorCode("account.siren.checksum")
            .When(a => !string.IsNullOrWhiteSpace(a.Siren));
        // The pattern already demands two letters; NotEmpty is there because Matches lets null through.
        RuleFor(a => a.Country).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("account.country.required")
            .Matches("^[A-Z]{2}$").WithErrorCode("account.country.format")
            .Must(AccountRules.IsKnownCountry).WithErrorCode("account.country.unknown");
        RuleFor(a => a.Website).Cascade(CascadeMode.Stop)
            .MaximumLength(WebsiteMaxLength).WithErrorCode("account.website.too-long")
            .Must(AccountRules.IsWebAddress!).WithErrorCode("account.website.format")
            .When(a => !string.IsNullOrWhiteSpace(a.Website));
        RuleFor(a => a.Industry)
            .MaximumLength(ShortTextMaxLength).WithErrorCode("account.industry.too-long");
        RuleFor(a => a.City)
            .MaximumLength(ShortTextMaxLength).WithErrorCode("account.city.too-long");
        RuleFor(a => a.Status)
            .IsInEnum().WithErrorCode("account.status.unknown");
        RuleFor(a => a.ClientContactName)
            .MaximumLength(NameMaxLength).WithErrorCode("account.contact-name.too-long");
        RuleFor(a => a.ClientContactEmail).Cascade(CascadeMode.Stop)
            .MaximumLength(EmailMaxLength).WithErrorCode("account.contact-email.too-long")
            .Must(AccountRules.IsEmailAddress!).WithErrorCode("account.contact-email.format")
            .When(a => !string.IsNullOrWhiteSpace(a.ClientContactEmail));
        RuleFor(a => a.ClientContactPhone)
            .Must((input, phone) => AccountRules.ToE164(phone, input.Country) is not null)
            .WithErrorCode("account.contact-phone.format")
            .When(a => !string.IsNullOrWhiteSpace(a.ClientContactPhone));
        RuleFor(a => a.Notes)
            .MaximumLength(NotesMaxLength).WithErrorCode("account.notes.too-long");
    }
}
