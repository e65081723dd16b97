using Facturix.Domain.Common;
using Facturix.Domain.Leads.Cleanup;

namespace Facturix.Tests.Leads;

public sealed class LeadCleanupTests
{
    [Theory]
    [InlineData("06 12 34 56 78", "FR", "+33612345678")]
    [InlineData("06.12.34.56.78", "FR", "+33612345678")]
    [InlineData("+33 (0)6 12 34 56 78", "FR", "+33612345678")]
    [InlineData("0033 6 12 34 56 78", "FR", "+33612345678")]
    [InlineData("+32 470 12 34 56", "FR", "+32470123456")] // international: the default country does not matter
    [InlineData("0470 12 34 56", "BE", "+32470123456")]
    [InlineData("(202) 456-1111", "US", "+12024561111")]
    [InlineData(" 01 42 68 53 00 ", "FR", "+33142685300")]
    public void Phones_are_read_in_the_default_country_and_written_in_E164(string raw, string country, string e164)
    {
        var reading = LeadNormalizer.Phone(raw, country);
        Assert.Equal(e164, reading.E164);
        Assert.Null(reading.Problem);
    }

    [Theory]
    [InlineData("06 12 34", "FR", PhoneProblem.TooShort)]
    [InlineData("06 12 34 56 78 90 12", "FR", PhoneProblem.TooLong)]
    [InlineData("not a phone", "FR", PhoneProblem.NotANumber)]
    [InlineData("+999 12 34 56 78", "FR", PhoneProblem.UnknownCountryCode)]
    [InlineData("06 12 34 56 78", "XX", PhoneProblem.UnknownCountryCode)] // a national number needs a known country
    [InlineData("00 00 00 00 00", "FR", PhoneProblem.Invalid)]
    public void Unreadable_phones_give_no_number_and_the_reason(string raw, string country, PhoneProblem problem)
    {
        var reading = LeadNormalizer.Phone(raw, country);
        Assert.Null(reading.E164);
        Assert.Equal(problem, reading.Problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_phone_is_neither_a_number_nor_a_problem(string? raw) =>
        Assert.Equal(new PhoneReading(null, null), LeadNormalizer.Phone(raw, "FR"));

    [Theory]
    [InlineData("DE", "DE")]
    [InlineData("de", "DE")]
    [InlineData(" fr ", "FR")]
    [InlineData("DEU", "DE")]
    [InlineData("Allemagne", "DE")]
    [InlineData("germany", "DE")]
    [InlineData("GERMANY", "DE")]
    [InlineData("Royaume-Uni", "GB")]
    [InlineData("royaume uni", "GB")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("Angleterre", "GB")]
    [InlineData("États-Unis", "US")]
    [InlineData("etats unis", "US")]
    [InlineData("ÉTATS-UNIS", "US")]
    [InlineData("USA", "US")]
    [InlineData("United States", "US")]
    [InlineData("Belgique", "BE")]
    [InlineData("Suisse", "CH")]
    [InlineData("Switzerland", "CH")]
    [InlineData("Pays-Bas", "NL")]
    [InlineData("Espagne", "ES")]
    [InlineData("Côte d’Ivoire", "CI")] // ICU's typographic apostrophe
    [InlineData("cote d'ivoire", "CI")]
    [InlineData("Ivory Coast", "CI")]
    [InlineData("Sénégal", "SN")]
    [InlineData("Maroc", "MA")]
    [InlineData("Morocco", "MA")]
    [InlineData("Algérie", "DZ")]
    [InlineData("Corée du Sud", "KR")]
    [InlineData("Czech Republic", "CZ")]
    [InlineData("Tchéquie", "CZ")]
    [InlineData("Luxembourg", "LU")]
    [InlineData("Réunion", "RE")]
    public void Countries_are_read_from_codes_and_French_or_English_names(string raw, string iso) =>
        Assert.Equal(iso, LeadNormalizer.Country(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("XX")]
    [InlineData("Atlantis")]
    [InlineData("Fr ance")]
    [InlineData("Europe")]
    public void Blank_or_unknown_countries_are_null(string? raw) =>
        Assert.Null(LeadNormalizer.Country(raw));

    [Theory]
    [InlineData("jean-pierre", "Jean-Pierre")]
    [InlineData("  JEAN   pierre ", "Jean Pierre")]
    [InlineData("jean-pierre DE LA FONTAINE", "Jean-Pierre de La Fontaine")]
    [InlineData("o'neil", "O'Neil")]
    [InlineData("O’NEIL", "O’Neil")]
    [InlineData("d'artagnan", "d'Artagnan")]
    [InlineData("D'ARTAGNAN", "d'Artagnan")]
    [InlineData("charles DU BOIS des champs", "Charles du Bois des Champs")]
    [InlineData("élodie", "Élodie")]
    [InlineData("ÇA", "Ça")]
    [InlineData("McDonald", "McDonald")] // mixed case from a capital: written on purpose
    [InlineData("mCDONALD", "Mcdonald")]
    [InlineData("marie-ÈVE", "Marie-Ève")]
    [InlineData("Dupont", "Dupont")]
    [InlineData("denis", "Denis")] // "de" only as a whole word
    public void Person_names_are_trimmed_and_title_cased_with_french_particles(string raw, string expected) =>
        Assert.Equal(expected, LeadNormalizer.PersonName(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Blank_names_companies_and_emails_are_null(string? raw)
    {
        Assert.Null(LeadNormalizer.PersonName(raw));
        Assert.Null(LeadNormalizer.Company(raw));
        Assert.Null(LeadNormalizer.Email(raw));
    }

    [Theory]
    [InlineData("  Camille.Martin@Exemple.FR ", "camille.martin@exemple.fr")]
    [InlineData("camille@exemple.fr", "camille@exemple.fr")]
    [InlineData("ÉLODIE@EXEMPLE.FR", "élodie@exemple.fr")]
    public void Emails_are_trimmed_and_lower_cased(string raw, string expected) =>
        Assert.Equal(expected, LeadNormalizer.Email(raw));

    [Theory]
    [InlineData("  Boulangerie   Martin ", "Boulangerie Martin")]
    [InlineData("SNCF", "SNCF")]
    [InlineData("iAdvize", "iAdvize")]
    public void Companies_are_trimmed_but_keep_their_case(string raw, string expected) =>
        Assert.Equal(expected, LeadNormalizer.Company(raw));

    [Fact]
    public void The_preview_lists_only_the_fields_that_would_change_with_before_and_after()
    {
        var lead = new LeadContactValues(" jean-pierre", "DE LA FONTAINE", "Acme", "JP@Acme.FR", "06 12 34 56 78", "France");

        var preview = LeadCleanupPreview.For(lead);

        Assert.Equal(
            [
                new FieldChange(LeadField.FirstName, " jean-pierre", "Jean-Pierre"),
                new FieldChange(LeadField.LastName, "DE LA FONTAINE", "de La Fontaine"),
                new FieldChange(LeadField.Email, "JP@Acme.FR", "jp@acme.fr"),
                new FieldChange(LeadField.Country, "France", "FR"),
                new FieldChange(LeadField.Phone, "06 12 34 56 78", "+33612345678"),
            ],
            preview.Changes);
        Assert.Empty(preview.Problems);
    }

    [Fact]
    public void A_clean_lead_previews_no_change()
    {
        var preview = LeadCleanupPreview.For(new("Camille", "Martin", "Acme", "camille@acme.fr", "+33612345678", "FR"));
        Assert.True(preview.ChangesNothing);
        Assert.Empty(preview.Problems);
    }

    [Fact]
    public void A_blank_field_stays_blank_and_is_no_problem()
    {
        var preview = LeadCleanupPreview.For(new(null, "", "Acme", null, " ", null));
        // "" and " " become null: a change, but never a made-up value.
        Assert.Equal(
            [new FieldChange(LeadField.LastName, "", null), new FieldChange(LeadField.Phone, " ", null)],
            preview.Changes.OrderBy(c => c.Field));
        Assert.Empty(preview.Problems);
    }

    [Fact]
    public void The_phone_is_read_in_the_lead_country_once_that_is_cleaned()
    {
        var preview = LeadCleanupPreview.For(new("A", "B", "C", null, "0470 12 34 56", "Belgique"));
        Assert.Contains(new FieldChange(LeadField.Phone, "0470 12 34 56", "+32470123456"), preview.Changes);
        Assert.Contains(new FieldChange(LeadField.Country, "Belgique", "BE"), preview.Changes);
    }

    [Fact]
    public void Values_that_cannot_be_cleaned_are_kept_and_reported_with_their_reason()
    {
        var lead = new LeadContactValues("A", "B", "C", null, "06 12 34", "Atlantis");

        var preview = LeadCleanupPreview.For(lead);

        Assert.Empty(preview.Changes);
        Assert.Equal(
            [
                new FieldProblem(LeadField.Country, "Atlantis", "lead.country.unknown"),
                new FieldProblem(LeadField.Phone, "06 12 34", "lead.phone.too-short"),
            ],
            preview.Problems);
    }

    [Fact]
    public void An_unknown_country_reads_national_phones_as_French()
    {
        var preview = LeadCleanupPreview.For(new("A", "B", "C", null, "06 12 34 56 78", "Atlantis"));
        Assert.Contains(new FieldChange(LeadField.Phone, "06 12 34 56 78", "+33612345678"), preview.Changes);
    }

    [Fact]
    public void Applying_then_undoing_the_changes_restores_every_before_value()
    {
        var lead = new LeadContactValues(" jean-pierre", "DE LA FONTAINE", " Acme  SAS ", "JP@Acme.FR", "06 12 34 56 78", "france");
        var changes = LeadCleanupPreview.For(lead).Changes;

        var cleaned = LeadCleanupPreview.Apply(lead, changes);

        Assert.Equal(new LeadContactValues("Jean-Pierre", "de La Fontaine", "Acme SAS", "jp@acme.fr", "+33612345678", "FR"), cleaned);
        Assert.True(LeadCleanupPreview.For(cleaned).ChangesNothing); // cleaning is idempotent
        Assert.Equal(lead, LeadCleanupPreview.Undo(cleaned, changes));
    }
}
