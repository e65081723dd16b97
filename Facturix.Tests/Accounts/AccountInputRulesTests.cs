using Facturix.Domain.Accounts;

namespace Facturix.Tests.Accounts;

public sealed class AccountInputRulesTests
{
    private static readonly AccountInputValidator Validator = new();

    [Fact]
    public void Account_input_rules_name_every_bad_field()
    {
        var result = Validator.Validate(new AccountInput { Name = " ", Siren = "12345", Country = "France" });
        Assert.Equal(
            new[] { nameof(AccountInput.Country), nameof(AccountInput.Name), nameof(AccountInput.Siren) },
            result.Errors.Select(e => e.PropertyName).Distinct().Order());
        Assert.True(Validator.Validate(new AccountInput { Name = "Acme", Siren = "732829320" }).IsValid);
    }

    [Theory]
    [InlineData("732829320")]
    [InlineData("552100554")]
    [InlineData("542051180")]
    [InlineData("443061841")]
    [InlineData("732 829 320")] // as printed on a Kbis
    [InlineData("732\u00A0829\u00A0320")] // pasted from a web page
    public void A_SIREN_with_a_right_check_digit_is_accepted(string siren) =>
        Assert.Empty(CodesFor(new AccountInput { Name = "Acme", Siren = siren }));

    [Theory]
    [InlineData("732829320", "732\u00A0829\u00A0320")]
    [InlineData("12345", "12345")] // not a SIREN's shape (an old row): shown as stored
    [InlineData(null, null)]
    public void A_stored_SIREN_reads_in_three_groups_as_the_INSEE_prints_it(string? stored, string? shown) =>
        Assert.Equal(shown, AccountRules.DisplaySiren(stored));

    [Theory]
    [InlineData("732829321", "account.siren.checksum")] // one digit off
    [InlineData("732829302", "account.siren.checksum")] // two digits swapped
    [InlineData("73282932", "account.siren.format")]
    [InlineData("7328293200", "account.siren.format")]
    [InlineData("732 829 32", "account.siren.format")]
    [InlineData("73282932A", "account.siren.format")]
    public void A_SIREN_with_a_wrong_shape_or_check_digit_is_refused_with_its_own_code(string siren, string code) =>
        Assert.Equal([code], CodesFor(new AccountInput { Name = "Acme", Siren = siren }));

    [Theory]
    [InlineData("https://www.boulangeries-martin.fr")]
    [InlineData("http://exemple.fr/contact?x=1")]
    [InlineData("HTTPS://EXEMPLE.FR")]
    public void Absolute_http_and_https_websites_are_accepted(string website) =>
        Assert.Empty(CodesFor(new AccountInput { Name = "Acme", Website = website }));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://exemple.fr")]
    [InlineData("file:///etc/passwd")]
    [InlineData("www.exemple.fr")]
    [InlineData("/relative/path")]
    [InlineData("//exemple.fr")]
    [InlineData("https://exemple .fr")]
    public void Other_schemes_and_relative_addresses_are_refused(string website) =>
        Assert.Equal(["account.website.format"], CodesFor(new AccountInput { Name = "Acme", Website = website }));

    [Theory]
    [InlineData("06 12 34 56 78", "FR", "+33612345678")]
    [InlineData("01.42.68.53.00", "FR", "+33142685300")]
    [InlineData("+33 6 12 34 56 78", "BE", "+33612345678")] // an international number ignores the account's country
    [InlineData("0470 12 34 56", "BE", "+32470123456")]
    [InlineData("(202) 456-1111", "US", "+12024561111")]
    public void Phones_are_read_in_the_account_country_and_stored_in_E164(string typed, string country, string e164)
    {
        Assert.Equal(e164, AccountRules.ToE164(typed, country));
        Assert.Empty(CodesFor(new AccountInput { Name = "Acme", Country = country, ClientContactPhone = typed }));
    }

    [Theory]
    [InlineData("12", "FR")]
    [InlineData("06 12 34", "FR")]
    [InlineData("not a phone", "FR")]
    [InlineData("0000000000", "FR")]
    [InlineData("+33 6 12 34", "BE")]
    public void Invalid_phones_are_refused(string typed, string country)
    {
        Assert.Null(AccountRules.ToE164(typed, country));
        Assert.Equal(["account.contact-phone.format"], CodesFor(new AccountInput { Name = "Acme", Country = country, ClientContactPhone = typed }));
    }

    [Theory]
    [InlineData("FR")]
    [InlineData("BE")]
    [InlineData("CH")]
    [InlineData("US")]
    public void Real_countries_are_accepted(string country) =>
        Assert.Empty(CodesFor(new AccountInput { Name = "Acme", Country = country }));

    [Theory]
    [InlineData("XX", "account.country.unknown")]
    [InlineData("ZZ", "account.country.unknown")]
    [InlineData("fr", "account.country.format")]
    [InlineData("FRA", "account.country.format")]
    [InlineData("", "account.country.required")]
    public void Unknown_or_badly_written_countries_are_refused(string country, string code) =>
        Assert.Equal([code], CodesFor(new AccountInput { Name = "Acme", Country = country }));

    [Theory]
    [InlineData("camille@exemple.fr", true)]
    [InlineData("camille.martin+crm@sous.exemple.fr", true)]
    [InlineData("camille@exemple", false)]
    [InlineData("camille", false)]
    [InlineData("Camille <camille@exemple.fr>", false)]
    [InlineData("camille@@exemple.fr", false)]
    public void Contact_email_must_be_one_plain_address(string email, bool valid) =>
        Assert.Equal(valid ? [] : ["account.contact-email.format"],
            CodesFor(new AccountInput { Name = "Acme", ClientContactEmail = email }));

    [Fact]
    public void Empty_optional_fields_are_fine() =>
        Assert.Empty(CodesFor(new AccountInput
        {
            Name = "Acme", Siren = "", Website = " ", ClientContactEmail = "", ClientContactPhone = "", Notes = null,
        }));

    private static string[] CodesFor(AccountInput input) =>
        Validator.Validate(input).Errors.Select(e => e.ErrorCode).ToArray();
}
