using System.Globalization;
using System.Text;
using System.Text.Json;
using Facturix.Domain.Leads.Cleanup;
using FluentValidation;

namespace Facturix.Domain.Import;

/// <summary>
/// One data row of an import file with its cells put where the mapping says (raw, as typed), plus the region national
/// phone numbers are read in when the row names no country (the campaign's).
/// </summary>
public sealed class ImportRowInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    /// <summary>"Jean Dupont" in one cell: split on the first space when neither first nor last name is given.</summary>
    public string? FullName { get; set; }
    public string? JobTitle { get; set; }
    public string? Company { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Country { get; set; }
    public string? City { get; set; }
    public string? Siren { get; set; }
    public string? Website { get; set; }
    public string? CompanyEmployees { get; set; }
    public string? Source { get; set; }
    /// <summary>Columns mapped to custom fields: (key, value) in file order; null when none are mapped.</summary>
    public List<KeyValuePair<string, string>>? Custom { get; set; }
    /// <summary>ISO alpha-2 of the campaign: the country of a row without one, and the region of its national phone numbers.</summary>
    public string DefaultCountry { get; set; } = LeadCleanupPreview.DefaultCountry;
}

/// <summary>A row as it goes into <c>leads</c>: normalized with the clean-up rules, its keys, time zone and score computed.</summary>
public sealed class ImportedLead
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? JobTitle { get; init; }
    /// <summary>Never null (the column is required): empty when the row only names a person.</summary>
    public required string Company { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public required string Country { get; init; }
    /// <summary>The row named a country (else <see cref="Country"/> is the campaign's): an update only changes it then.</summary>
    public bool CountryGiven { get; init; }
    public string? City { get; init; }
    public string? Siren { get; init; }
    public string? Website { get; init; }
    /// <summary>The company's domain (website, else a non-free-mail email): the cross-client key next to the SIREN.</summary>
    public string? Domain { get; init; }
    public int? CompanyEmployees { get; init; }
    public string? Source { get; init; }
    public string? CustomFields { get; init; }
    public string? TimeZone { get; init; }
    public int Score { get; init; }
}

/// <summary>
/// The per-row rules of an import (issue 15), pure. <see cref="Apply"/> is the fast path the job and the dry run run on
/// every row (one pass: normalize, then check); <see cref="ImportRowInputValidator"/> states the same rules with
/// FluentValidation, built on the same predicates, and a test proves both agree. The first rule broken is the reason.
/// </summary>
public static class ImportRowRules
{
    public const string NameOrCompanyRequired = "import.row.name-or-company.required";
    public const string EmailInvalid = "import.row.email.invalid";
    public const string PhoneInvalid = "import.row.phone.invalid";
    public const string FieldTooLong = "import.row.field.too-long";

    /// <summary>The leads table's column sizes (LeadConfiguration): a longer value would fail the whole batch's write.</summary>
    public const int NameMaxLength = 100;
    public const int JobTitleMaxLength = 150;
    public const int CompanyMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int CityMaxLength = 100;
    public const int SourceMaxLength = 100;
    public const int WebsiteMaxLength = 300;

    public static bool HasNameOrCompany(ImportRowInput row) =>
        !string.IsNullOrWhiteSpace(row.Company) || !string.IsNullOrWhiteSpace(row.FirstName)
        || !string.IsNullOrWhiteSpace(row.LastName) || !string.IsNullOrWhiteSpace(row.FullName);

    /// <summary>
    /// Blank is fine. Otherwise, once trimmed: one "@" between a local part and a domain (<see cref="DuplicateKeys.Email"/>),
    /// no white space inside, and a domain with a dot that neither starts nor ends it ("camille@acme" is a typo, not a mailbox).
    /// </summary>
    public static bool IsValidEmail(string? raw)
    {
        var email = DuplicateKeys.Email(raw);
        if (email is null) return string.IsNullOrWhiteSpace(raw);
        foreach (var c in email)
            if (char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>') return false;
        var domain = email.AsSpan(email.IndexOf('@') + 1);
        var dot = domain.IndexOf('.');
        return dot > 0 && domain[^1] != '.';
    }

    /// <summary>The region national numbers are read in: the row's own country when it names one, else the campaign's.</summary>
    public static string PhoneRegion(ImportRowInput row) =>
        (string.IsNullOrWhiteSpace(row.Country) ? null : LeadNormalizer.Country(row.Country)) ?? row.DefaultCountry;

    /// <summary>Blank is fine; otherwise it must read as a valid number (<see cref="LeadNormalizer.Phone"/>).</summary>
    public static bool PhoneParses(ImportRowInput row) =>
        string.IsNullOrWhiteSpace(row.Phone) || LeadNormalizer.Phone(row.Phone, PhoneRegion(row)).IsValid;

    /// <summary>Every value, once normalized, fits its column.</summary>
    public static bool FieldsFit(ImportRowInput row)
    {
        var (first, last) = Names(row);
        return Fits(first, last, LeadNormalizer.Company(row.JobTitle), LeadNormalizer.Company(row.Company), LeadNormalizer.Email(row.Email),
            LeadNormalizer.Company(row.City), LeadNormalizer.Company(row.Source), Trimmed(row.Website));
    }

    /// <summary>
    /// The fast path: the row normalized (E.164 phone read in <see cref="PhoneRegion"/>, ISO country from a code or a French
    /// or English name, names title-cased, company and text trimmed, email lower-case, "Jean Dupont" split), or the code of
    /// the first rule it breaks, in the validator's order.
    /// </summary>
    public static (ImportedLead? Lead, string? Error) Apply(ImportRowInput row, ImportRowContext context)
    {
        if (!HasNameOrCompany(row)) return (null, NameOrCompanyRequired);
        if (!IsValidEmail(row.Email)) return (null, EmailInvalid);

        var named = string.IsNullOrWhiteSpace(row.Country) ? null : context.Country(row.Country);
        var country = named ?? row.DefaultCountry;
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(row.Phone))
        {
            phone = LeadNormalizer.Phone(row.Phone, country).E164;
            if (phone is null) return (null, PhoneInvalid);
        }

        var (first, last) = Names(row);
        var jobTitle = LeadNormalizer.Company(row.JobTitle);
        var company = LeadNormalizer.Company(row.Company);
        var email = LeadNormalizer.Email(row.Email);
        var city = LeadNormalizer.Company(row.City);
        var source = LeadNormalizer.Company(row.Source);
        var website = Trimmed(row.Website);
        if (!Fits(first, last, jobTitle, company, email, city, source, website)) return (null, FieldTooLong);

        var employees = Employees(row.CompanyEmployees);
        return (new ImportedLead
        {
            FirstName = first, LastName = last, JobTitle = jobTitle, Company = company ?? "", Email = email, Phone = phone,
            Country = country, CountryGiven = named is not null, City = city, Siren = DuplicateKeys.Siren(row.Siren), Website = website,
            Domain = (website is null ? null : context.WebsiteDomain(website)) ?? DuplicateKeys.WebsiteDomain(email),
            CompanyEmployees = employees, Source = source, CustomFields = CustomJson(row.Custom),
            TimeZone = context.TimeZone(phone, country),
            Score = context.Score(jobTitle, employees, country),
        }, null);
    }

    /// <summary>First and last name title-cased; a full name split on its first space ("Dupont" alone is a last name).</summary>
    public static (string? First, string? Last) Names(ImportRowInput row)
    {
        var first = LeadNormalizer.PersonName(row.FirstName);
        var last = LeadNormalizer.PersonName(row.LastName);
        if (first is not null || last is not null) return (first, last);
        var full = LeadNormalizer.PersonName(row.FullName);
        if (full is null) return (null, null);
        var space = full.IndexOf(' ');
        return space < 0 ? (null, full) : (full[..space], full[(space + 1)..]);
    }

    /// <summary>A headcount as typed ("250", "1 200", "1.200"); null when it is not a whole number (a range, a word).</summary>
    public static int? Employees(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var digits = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (char.IsAsciiDigit(c)) digits.Append(c);
            else if (!char.IsWhiteSpace(c) && c is not '.' and not ',' and not '\u00a0' and not '\u202f') return null;
        }
        return digits.Length is > 0 and <= 9 ? int.Parse(digits.ToString(), CultureInfo.InvariantCulture) : null;
    }

    private static bool Fits(string? first, string? last, string? jobTitle, string? company, string? email, string? city,
        string? source, string? website) =>
        (first?.Length ?? 0) <= NameMaxLength && (last?.Length ?? 0) <= NameMaxLength
        && (jobTitle?.Length ?? 0) <= JobTitleMaxLength && (company?.Length ?? 0) <= CompanyMaxLength
        && (email?.Length ?? 0) <= EmailMaxLength && (city?.Length ?? 0) <= CityMaxLength
        && (source?.Length ?? 0) <= SourceMaxLength && (website?.Length ?? 0) <= WebsiteMaxLength;

    private static string? Trimmed(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();

    private static string? CustomJson(List<KeyValuePair<string, string>>? custom)
    {
        if (custom is null) return null;
        Dictionary<string, string>? values = null;
        foreach (var (key, value) in custom)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            values ??= new Dictionary<string, string>(StringComparer.Ordinal);
            values[key] = value.Trim();
        }
        return values is null ? null : JsonSerializer.Serialize(values);
    }
}

/// <summary>
/// The row rules as a FluentValidation validator (codes only), for single rows and as the reference the fast path
/// <see cref="ImportRowRules.Apply"/> is tested against. Stops at the first broken rule, like the fast path.
/// </summary>
public sealed class ImportRowInputValidator : AbstractValidator<ImportRowInput>
{
    public ImportRowInputValidator()
    {
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r).Must(ImportRowRules.HasNameOrCompany).WithErrorCode(ImportRowRules.NameOrCompanyRequired).OverridePropertyName("Company");
        RuleFor(r => r.Email).Must(ImportRowRules.IsValidEmail).WithErrorCode(ImportRowRules.EmailInvalid);
        RuleFor(r => r).Must(ImportRowRules.PhoneParses).WithErrorCode(ImportRowRules.PhoneInvalid).OverridePropertyName("Phone");
        RuleFor(r => r).Must(ImportRowRules.FieldsFit).WithErrorCode(ImportRowRules.FieldTooLong).OverridePropertyName("(row)");
    }
}
