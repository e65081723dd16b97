using System.Diagnostics;
using Facturix.Domain.Import;
using Xunit.Abstractions;

namespace Facturix.Tests.Import;

/// <summary>The per-row rules of an import: normalization on the way in, the reasons a row is refused, the fast path agreeing with the validator.</summary>
public sealed class ImportRowRulesTests(ITestOutputHelper output)
{
    private static readonly ImportRowContext Context = new(new HashSet<string> { "FR" }, new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private static ImportRowInput Row(string? first = "Camille", string? last = "Martin", string? company = "Acme", string? email = null,
        string? phone = null, string? country = null, string? full = null, string defaultCountry = "FR") => new()
    {
        FirstName = first, LastName = last, Company = company, Email = email, Phone = phone, Country = country, FullName = full,
        DefaultCountry = defaultCountry,
    };

    [Fact]
    public void A_row_is_normalized_with_the_clean_up_rules()
    {
        var (lead, error) = ImportRowRules.Apply(new ImportRowInput
        {
            FirstName = "  jean-pierre ", LastName = "DE LA FONTAINE", Company = "  Boulangerie   Martin SAS ", Email = " J.P@Boulangerie-Martin.FR ",
            Phone = "06 12 34 56 78", Country = "france", City = " Lyon ", Siren = "732 829 320", Website = "www.boulangerie-martin.fr",
            CompanyEmployees = "1 200", JobTitle = "Gérant", Source = "Salon", Custom = [new("Secteur", " Boulangerie ")],
        }, Context);

        Assert.Null(error);
        Assert.NotNull(lead);
        Assert.Equal(("Jean-Pierre", "de La Fontaine", "Boulangerie Martin SAS", "j.p@boulangerie-martin.fr"), (lead.FirstName, lead.LastName, lead.Company, lead.Email));
        Assert.Equal(("+33612345678", "FR", true, "Lyon", "732829320"), (lead.Phone, lead.Country, lead.CountryGiven, lead.City, lead.Siren));
        Assert.Equal(("boulangerie-martin.fr", 1200, "Europe/Paris"), (lead.Domain, lead.CompanyEmployees, lead.TimeZone));
        Assert.Equal("{\"Secteur\":\"Boulangerie\"}", lead.CustomFields);
        // Gérant is C-level (30), 1,200 people a mid-cap (15), France is the campaign's target (15).
        Assert.Equal(60, lead.Score);
    }

    [Theory]
    [InlineData("https://www.linkedin.com/sales/company/1035", "camille@acme.fr", "acme.fr")]
    [InlineData("https://fr.linkedin.com/company/acme", "camille@gmail.com", null)]
    [InlineData("facebook.com/acme", null, null)]
    [InlineData("https://www.acme.fr", "camille@gmail.com", "acme.fr")]
    [InlineData("https://www.mylinkedin.com", null, "mylinkedin.com")]
    public void A_social_network_page_in_the_website_is_not_the_companys_domain(string website, string? email, string? domain)
    {
        // Sales Navigator tools export the company's LinkedIn page: as a domain, "linkedin.com" flagged every such lead
        // as prospected for another client. The email's domain (unless free mail) is the company's instead.
        var row = Row(email: email);
        row.Website = website;

        var (lead, error) = ImportRowRules.Apply(row, Context);

        Assert.Null(error);
        Assert.Equal((domain, website.Trim()), (lead!.Domain, lead.Website));
    }

    [Fact]
    public void Every_row_gets_the_score_the_lead_rule_gives_a_new_lead()
    {
        string?[] titles = [null, " ", "Gérant", "Assistante du PDG", "Directeur commercial", "Responsable achats", "Comptable", "P.D.G."];
        int?[] headcounts = [null, 0, 9, 10, 49, 50, 249, 250, 4999, 5000, 120000];
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        foreach (var targets in new[] { new HashSet<string> { "FR" }, new HashSet<string>() })
        {
            var context = new ImportRowContext(targets, now);
            // Twice over: the second pass reads what the first one remembered.
            for (var pass = 0; pass < 2; pass++)
                foreach (var title in titles)
                foreach (var headcount in headcounts)
                foreach (var country in new[] { "FR", "DE", null })
                {
                    var (lead, _) = ImportRowRules.Apply(new ImportRowInput
                    {
                        Company = "Acme", JobTitle = title, CompanyEmployees = headcount?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Country = country,
                    }, context);
                    var expected = Facturix.Domain.Leads.LeadScoring.Compute(new Facturix.Domain.Leads.LeadScoreInputs(
                        lead!.JobTitle, lead.CompanyEmployees, lead.Country, targets, 0, 0, null, now)).Total;
                    Assert.Equal((title, headcount, country, expected), (title, headcount, country, lead.Score));
                }
        }
    }

    [Theory]
    [InlineData("Germany", "030 1234567", "DE", "+49301234567")]
    [InlineData("Royaume-Uni", "020 7946 0958", "GB", "+442079460958")]
    [InlineData("", "06 12 34 56 78", "FR", "+33612345678")]
    [InlineData("Atlantide", "06 12 34 56 78", "FR", "+33612345678")]
    public void National_phones_are_read_in_the_row_country_else_the_campaign_one(string country, string phone, string iso, string e164)
    {
        var (lead, _) = ImportRowRules.Apply(Row(country: country, phone: phone), Context);
        Assert.Equal((iso, e164), (lead!.Country, lead.Phone));
    }

    [Theory]
    [InlineData("Jean Dupont", "Jean", "Dupont")]
    [InlineData("  marie  de la tour ", "Marie", "de La Tour")]
    [InlineData("Dupont", null, "Dupont")]
    public void A_full_name_is_split_on_its_first_space(string full, string? first, string last)
    {
        var (lead, _) = ImportRowRules.Apply(Row(first: null, last: null, full: full), Context);
        Assert.Equal((first, last), (lead!.FirstName, lead.LastName));
    }

    public static TheoryData<string, ImportRowInput> Refused() => new()
    {
        { ImportRowRules.NameOrCompanyRequired, Row(first: " ", last: null, company: "", email: "a@b.fr") },
        { ImportRowRules.EmailInvalid, Row(email: "pas-un-email") },
        { ImportRowRules.EmailInvalid, Row(email: "a@b") },
        { ImportRowRules.EmailInvalid, Row(email: "a b@c.fr") },
        { ImportRowRules.EmailInvalid, Row(email: "a@@c.fr") },
        { ImportRowRules.PhoneInvalid, Row(phone: "12") },
        { ImportRowRules.PhoneInvalid, Row(phone: "pas de numéro") },
        { ImportRowRules.PhoneInvalid, Row(phone: "00 00 00 00 00") },
        { ImportRowRules.FieldTooLong, Row(company: new string('x', 201)) },
        { ImportRowRules.FieldTooLong, Row(first: new string('x', 101)) },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_broken_rule_refuses_the_row_with_its_code_in_the_fast_path_and_the_validator(string code, ImportRowInput row)
    {
        Assert.Equal((null, code), ImportRowRules.Apply(row, Context) is var (lead, error) ? (lead, error) : default);
        var failures = new ImportRowInputValidator().Validate(row).Errors;
        Assert.Equal([code], failures.Select(f => f.ErrorCode));
    }

    [Fact]
    public void The_fast_path_and_the_validator_agree_on_a_varied_corpus()
    {
        var emails = new[] { null, "", "a@b.fr", "A@B.FR ", "bad", "a@b", "x@y.co.uk", "a;b@c.fr" };
        var phones = new[] { null, "06 12 34 56 78", "+32 2 555 12 12", "12", "0033612345678", "abc" };
        var names = new (string?, string?, string?)[] { ("Jean", null, null), (null, null, "Acme"), (null, null, null), (" ", "", " ") };
        var countries = new[] { null, "Belgique", "xx", "DE" };
        var checkedRows = 0;
        foreach (var email in emails)
        foreach (var phone in phones)
        foreach (var (first, last, company) in names)
        foreach (var country in countries)
        {
            var row = Row(first, last, company, email, phone, country);
            var fast = ImportRowRules.Apply(row, Context).Error;
            var reference = new ImportRowInputValidator().Validate(row).Errors.Select(e => e.ErrorCode).FirstOrDefault();
            Assert.True(fast == reference, $"{first}|{last}|{company}|{email}|{phone}|{country}: fast {fast}, validator {reference}");
            checkedRows++;
        }
        Assert.Equal(emails.Length * phones.Length * names.Length * countries.Length, checkedRows);
    }

    [Theory]
    [InlineData("250", 250)]
    [InlineData("1 200", 1200)]
    [InlineData("1.200", 1200)]
    [InlineData("50-100", null)]
    [InlineData("beaucoup", null)]
    public void A_headcount_is_a_whole_number_or_nothing(string raw, int? expected) => Assert.Equal(expected, ImportRowRules.Employees(raw));

    [Fact]
    public void Settings_need_a_name_or_company_column_fields_mapped_once_and_named_custom_fields()
    {
        var validator = new ImportSettingsValidator();
        var format = new ImportFormat("utf-8", ';', '"', true);
        string[] Codes(params ColumnMapping[] columns) =>
            validator.Validate(new ImportSettings(format, columns, DuplicatePolicy.Skip)).Errors.Select(e => e.ErrorCode).ToArray();

        Assert.Empty(Codes(new ColumnMapping(0, "Nom", ImportField.LastName), new ColumnMapping(1, "Secteur", ImportField.Custom, "Secteur"), new ColumnMapping(2, "x", ImportField.Ignore)));
        Assert.Equal(["import.settings.name-or-company.required"], Codes(new ColumnMapping(0, "Email", ImportField.Email)));
        Assert.Equal(["import.settings.field.duplicate"], Codes(new ColumnMapping(0, "Nom", ImportField.LastName), new ColumnMapping(1, "Nom 2", ImportField.LastName)));
        Assert.Equal(["import.settings.custom-key.required"], Codes(new ColumnMapping(0, "Nom", ImportField.LastName), new ColumnMapping(1, "Secteur", ImportField.Custom, " ")));
        Assert.Equal(["import.settings.delimiter.invalid"],
            validator.Validate(new ImportSettings(format with { Delimiter = '#' }, [new ColumnMapping(0, "Nom", ImportField.LastName)], DuplicatePolicy.Skip))
                .Errors.Select(e => e.ErrorCode));
    }

    [Fact]
    public void The_rules_keep_up_with_a_million_row_import()
    {
        // 100,000 varied rows through the fast path on one thread; the job runs batches in parallel on top of this.
        var rows = Enumerable.Range(0, 100_000).Select(i => new ImportRowInput
        {
            FirstName = "camille", LastName = "MARTIN", Company = $"Société {i % 5000} SAS", Email = $"contact{i}@societe{i % 5000}.fr",
            Phone = $"06 {10 + i % 90:00} {i % 100:00} {i / 100 % 100:00} {i % 97:00}", Country = i % 3 == 0 ? "France" : null,
            JobTitle = (i % 4) switch { 0 => "Directeur commercial", 1 => "Gérant", 2 => "Assistante", _ => "Comptable" },
            Siren = $"{100000000 + i}", Website = $"https://www.societe{i % 5000}.fr", CompanyEmployees = $"{i % 300}",
        }).ToList();
        var context = new ImportRowContext(new HashSet<string> { "FR" }, DateTimeOffset.UtcNow);
        var watch = Stopwatch.StartNew();
        var accepted = rows.Count(r => ImportRowRules.Apply(r, context).Lead is not null);
        watch.Stop();
        output.WriteLine($"100,000 rows through the fast path: {watch.Elapsed.TotalMilliseconds:F0} ms on one thread ({accepted} accepted)");
        Assert.True(accepted > 90_000);
    }
}

public sealed class ImportTimeZoneCacheTests
{
    [Theory]
    [InlineData("+12125550100", "US")]
    [InlineData("+13105550100", "US")]
    [InlineData("+14165550100", "CA")]
    [InlineData("+16045550100", "CA")]
    [InlineData("+74951234567", "RU")]
    [InlineData("+73832123456", "RU")]
    [InlineData("+61212345678", "AU")]
    [InlineData("+61891234567", "AU")]
    [InlineData("+33612345678", "FR")]
    [InlineData("+262262123456", "FR")]
    [InlineData("+3225551212", "BE")]
    public void Rows_through_the_fast_path_get_the_zone_of_the_rule_other_writes_use(string phone, string country)
    {
        var context = new ImportRowContext(new HashSet<string>(), DateTimeOffset.UtcNow);
        // Warm the prefix cache with another number of the same prefix first.
        ImportRowRules.Apply(new ImportRowInput { Company = "A", Phone = phone[..^1] + (phone[^1] == '0' ? '1' : '0'), Country = country }, context);
        var (lead, _) = ImportRowRules.Apply(new ImportRowInput { Company = "A", Phone = phone, Country = country }, context);
        Assert.Equal(Facturix.Domain.Workspace.LeadTimeZones.For(phone, country), lead!.TimeZone);
    }
}
