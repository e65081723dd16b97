using Facturix.Domain.Common;
using Facturix.Domain.Leads.Cleanup;
using FluentValidation;

namespace Facturix.Domain.Leads;

/// <summary>The lead page's editable fields, as typed. Validated inline in the page and again in the service.</summary>
public sealed class LeadEditInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? JobTitle { get; set; }
    public string Company { get; set; } = "";
    public string? Email { get; set; }
    /// <summary>As typed ("06 12 34 56 78"); stored in E.164, national numbers read in <see cref="Country"/>.</summary>
    public string? Phone { get; set; }
    /// <summary>An ISO code or a country name ("Allemagne", "deu"); stored as ISO 3166-1 alpha-2.</summary>
    public string Country { get; set; } = "FR";
    public string? City { get; set; }
    /// <summary>The company's website; "acme.fr" is stored as "https://acme.fr".</summary>
    public string? Website { get; set; }
    /// <summary>The company's headcount when known (a score input).</summary>
    public int? CompanyEmployees { get; set; }

    public static LeadEditInput From(LeadDetails lead) => new()
    {
        FirstName = lead.FirstName, LastName = lead.LastName, JobTitle = lead.JobTitle, Company = lead.Company,
        Email = lead.Email, Phone = E164.Editable(lead.Phone), Country = lead.Country, City = lead.City,
        Website = lead.Website, CompanyEmployees = lead.CompanyEmployees,
    };
}

/// <summary>Codes only ("lead.field.rule"); the App words them (ErrorStrings).</summary>
public sealed class LeadEditInputValidator : AbstractValidator<LeadEditInput>
{
    public const int NameMaxLength = 100;
    public const int CompanyMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int WebsiteMaxLength = 300;
    /// <summary>Above the largest employer on earth: a typo, not a headcount.</summary>
    public const int CompanyEmployeesMax = 5_000_000;
    public const int JobTitleMaxLength = Import.ImportRowRules.JobTitleMaxLength;

    public LeadEditInputValidator()
    {
        RuleFor(l => l.FirstName).MaximumLength(NameMaxLength).WithErrorCode("lead.first-name.too-long");
        RuleFor(l => l.LastName).MaximumLength(NameMaxLength).WithErrorCode("lead.last-name.too-long");
        // The column's and the import's 150: at 100, a lead imported with a longer title could not be saved from its page.
        RuleFor(l => l.JobTitle).MaximumLength(JobTitleMaxLength).WithErrorCode("lead.job-title.too-long");
        RuleFor(l => l.City).MaximumLength(NameMaxLength).WithErrorCode("lead.city.too-long");
        RuleFor(l => l.Company).Cascade(CascadeMode.Stop)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithErrorCode("lead.company.required")
            .MaximumLength(CompanyMaxLength).WithErrorCode("lead.company.too-long");
        RuleFor(l => l.Email).Cascade(CascadeMode.Stop)
            .MaximumLength(EmailMaxLength).WithErrorCode("lead.email.too-long")
            .Must(e => LeadEditRules.IsEmailAddress(e!)).WithErrorCode("lead.email.format")
            .When(l => !string.IsNullOrWhiteSpace(l.Email));
        RuleFor(l => l.Country)
            .Must(c => LeadNormalizer.Country(c) is not null).WithErrorCode("lead.country.unknown");
        RuleFor(l => l.Website).Cascade(CascadeMode.Stop)
            // Measured as stored: a bare domain gains "https://" on its way into varchar(300), so 295 typed characters
            // would pass a check on the input and fail the write.
            .Must(w => (LeadEditRules.Website(w) ?? w!.Trim()).Length <= WebsiteMaxLength).WithErrorCode("lead.website.too-long")
            .Must(w => LeadEditRules.Website(w) is not null).WithErrorCode("lead.website.format")
            .When(l => !string.IsNullOrWhiteSpace(l.Website));
        RuleFor(l => l.CompanyEmployees)
            .InclusiveBetween(0, CompanyEmployeesMax).WithErrorCode("lead.company-employees.range")
            .When(l => l.CompanyEmployees is not null);
        // Read in the lead's (normalised) country; an unknown country still accepts international numbers.
        RuleFor(l => l.Phone)
            .Must((l, phone) => LeadEditRules.Phone(phone, l.Country).IsValid).WithErrorCode("lead.phone.format")
            .When(l => !string.IsNullOrWhiteSpace(l.Phone));
    }
}

/// <summary>How validated input becomes stored values, shared by the validator and the service.</summary>
public static class LeadEditRules
{
    public static bool IsEmailAddress(string email)
    {
        var trimmed = email.Trim();
        var at = trimmed.IndexOf('@');
        return at > 0 && at == trimmed.LastIndexOf('@') && at < trimmed.Length - 3
            && trimmed.IndexOf('.', at) > at + 1 && !trimmed.EndsWith('.') && !trimmed.Any(char.IsWhiteSpace);
    }

    /// <summary>
    /// An http(s) address with a host that has a dot ("acme.fr", "https://www.acme.fr/contact"); a bare domain gets
    /// https://. Null when not a website.
    /// </summary>
    public static string? Website(string? website)
    {
        if (string.IsNullOrWhiteSpace(website)) return null;
        var text = website.Trim();
        if (text.Any(char.IsWhiteSpace)) return null;
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host.Contains('.', StringComparison.Ordinal) && !uri.Host.EndsWith('.')
            ? text
            : null;
    }

    public static PhoneReading Phone(string? phone, string? country) =>
        LeadNormalizer.Phone(phone, LeadNormalizer.Country(country) ?? "ZZ");

    /// <summary>Copies validated input onto the lead: names title-cased, email lower-case, phone E.164, country ISO.</summary>
    public static void Apply(Lead lead, LeadEditInput input)
    {
        lead.FirstName = LeadNormalizer.PersonName(input.FirstName);
        lead.LastName = LeadNormalizer.PersonName(input.LastName);
        lead.JobTitle = Blank(input.JobTitle);
        lead.Company = LeadNormalizer.Company(input.Company)!;
        lead.Email = LeadNormalizer.Email(input.Email);
        lead.Country = LeadNormalizer.Country(input.Country)!;
        lead.Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : Phone(input.Phone, lead.Country).E164;
        lead.City = Blank(input.City);
        lead.Website = Website(input.Website);
        lead.CompanyEmployees = input.CompanyEmployees;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
