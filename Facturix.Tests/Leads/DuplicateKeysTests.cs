using Facturix.Domain.Leads.Cleanup;

namespace Facturix.Tests.Leads;

public sealed class DuplicateKeysTests
{
    [Theory]
    [InlineData(" Camille.Martin@Acme.FR ", "camille.martin@acme.fr")]
    [InlineData("j.martin@gmail.com", "j.martin@gmail.com")] // dots kept, even at Gmail: documented choice
    [InlineData("j.martin+crm@gmail.com", "j.martin+crm@gmail.com")]
    public void Email_keys_are_trimmed_and_lower_case_only(string raw, string key) =>
        Assert.Equal(key, DuplicateKeys.Email(raw));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("camille")]
    [InlineData("@acme.fr")]
    [InlineData("camille@")]
    [InlineData("a@b@acme.fr")]
    public void Blank_or_address_less_emails_give_no_key(string? raw) =>
        Assert.Null(DuplicateKeys.Email(raw));

    [Theory]
    [InlineData("06 12 34 56 78", "FR", "+33612345678")]
    [InlineData("+33 6 12 34 56 78", "BE", "+33612345678")]
    [InlineData("0470 12 34 56", "BE", "+32470123456")]
    [InlineData("06 12 34", "FR", null)]
    [InlineData("n/a", "FR", null)]
    [InlineData(null, "FR", null)]
    public void Phone_keys_are_E164_or_nothing(string? raw, string country, string? key) =>
        Assert.Equal(key, DuplicateKeys.Phone(raw, country));

    [Theory]
    [InlineData("732829320", "732829320")]
    [InlineData("732 829 320", "732829320")]
    [InlineData(" 732\u00a0829\u00a0320 ", "732829320")] // non-breaking spaces pasted from a web page
    [InlineData("732829321", "732829321")] // check digit not verified: the same typo still matches
    [InlineData("73282932", null)]
    [InlineData("7328293200", null)]
    [InlineData("73282932A", null)]
    [InlineData("732-829-320", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Siren_keys_are_nine_digits_without_spaces(string? raw, string? key) =>
        Assert.Equal(key, DuplicateKeys.Siren(raw));

    [Theory]
    [InlineData("https://www.Acme.fr/contact?x=1", "acme.fr")]
    [InlineData("http://acme.fr", "acme.fr")]
    [InlineData("www.acme.fr", "acme.fr")]
    [InlineData("acme.fr", "acme.fr")]
    [InlineData("HTTPS://SHOP.ACME.CO.UK", "shop.acme.co.uk")]
    [InlineData("camille@Acme.FR", "acme.fr")]
    [InlineData(" camille@www.acme.fr ", "acme.fr")]
    public void Domain_keys_come_from_a_web_address_or_an_email(string raw, string key) =>
        Assert.Equal(key, DuplicateKeys.WebsiteDomain(raw));

    [Theory]
    [InlineData("camille@gmail.com")]
    [InlineData("camille@GMAIL.COM")]
    [InlineData("camille@hotmail.fr")]
    [InlineData("camille@hotmail.com")]
    [InlineData("camille@orange.fr")]
    [InlineData("camille@wanadoo.fr")]
    [InlineData("camille@free.fr")]
    [InlineData("camille@laposte.net")]
    [InlineData("camille@icloud.com")]
    [InlineData("camille@yahoo.fr")]
    [InlineData("camille@yahoo.co.uk")]
    [InlineData("camille@outlook.fr")]
    [InlineData("camille@outlook.com")]
    [InlineData("https://www.gmail.com")]
    public void Free_mail_domains_give_no_key(string raw) =>
        Assert.Null(DuplicateKeys.WebsiteDomain(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("localhost")]
    [InlineData("http://192.168.1.10")]
    [InlineData("not a site")]
    public void Blank_or_unreadable_addresses_give_no_domain(string? raw) =>
        Assert.Null(DuplicateKeys.WebsiteDomain(raw));

    [Theory]
    [InlineData("https://www.linkedin.com/company/duval-transports", null)]
    [InlineData("https://fr.linkedin.com/sales/company/1035", null)]
    [InlineData("facebook.com/duvaltransports", null)]
    [InlineData("https://x.com/duval", null)]
    [InlineData("https://www.mylinkedin.com", "mylinkedin.com")]
    [InlineData("https://box.com", "box.com")]
    [InlineData("recrutement@linkedin.com", "linkedin.com")] // the network's own staff: an email there is its company's
    public void A_social_network_page_is_no_company_domain(string raw, string? key) =>
        Assert.Equal(key, DuplicateKeys.WebsiteDomain(raw));

    [Fact]
    public void A_company_on_a_free_mail_provider_that_is_not_one_keeps_its_domain() =>
        Assert.Equal("yahoomail-conseil.fr", DuplicateKeys.WebsiteDomain("contact@yahoomail-conseil.fr"));

    [Theory]
    [InlineData("Jean-Pierre", "Dupont", "Boulangerie Martin SAS", "jean pierre dupont|boulangerie martin")]
    [InlineData("JEAN PIERRE", " dupont ", "boulangerie martin", "jean pierre dupont|boulangerie martin")]
    [InlineData("Élodie", "Lefèvre", "Café Crème S.A.R.L.", "elodie lefevre|cafe creme")]
    [InlineData("Hans", "Müller", "Müller & Söhne GmbH", "hans muller|muller sohne")]
    [InlineData("Jane", "Doe", "Acme Ltd", "jane doe|acme")]
    [InlineData("Jane", "Doe", "Acme, Inc.", "jane doe|acme")]
    [InlineData("Jane", "Doe", "SA Acme", "jane doe|acme")]
    [InlineData("Jane", "Doe", "EURL Acme", "jane doe|acme")]
    [InlineData(null, "Doe", "Samsung", "doe|samsung")] // "sa" only as a whole word
    public void Name_company_keys_fold_accents_case_and_legal_forms(string? first, string? last, string company, string key) =>
        Assert.Equal(key, DuplicateKeys.NameCompany(first, last, company));

    [Theory]
    [InlineData(null, null, "Acme")]
    [InlineData(" ", "", "Acme")]
    [InlineData("Jane", "Doe", null)]
    [InlineData("Jane", "Doe", "  ")]
    [InlineData("Jane", "Doe", "SAS")] // nothing left once the legal form is gone
    public void A_name_company_key_needs_both_a_name_and_a_company(string? first, string? last, string? company) =>
        Assert.Null(DuplicateKeys.NameCompany(first, last, company));

    [Fact]
    public void A_lead_gets_all_its_keys_with_the_website_preferred_to_the_email_domain()
    {
        var lead = new LeadContactValues("Camille", "Martin", "Acme SAS", " Camille@Acme-Mail.fr", "0470 12 34 56", "Belgique");

        Assert.Equal(
            new LeadDuplicateKeys("camille@acme-mail.fr", "+32470123456", "732829320", "acme.fr", "camille martin|acme"),
            DuplicateKeys.For(lead, siren: "732 829 320", website: "https://www.acme.fr"));
        Assert.Equal("acme-mail.fr", DuplicateKeys.For(lead).Domain);
    }

    [Fact]
    public void A_lead_on_free_mail_without_a_website_has_no_domain_key() =>
        Assert.Null(DuplicateKeys.For(new("Camille", "Martin", "Acme", "camille@gmail.com", null, "FR")).Domain);
}
