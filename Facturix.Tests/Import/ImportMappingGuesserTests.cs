using Facturix.Domain.Import;

namespace Facturix.Tests.Import;

public sealed class ImportMappingGuesserTests
{
    private static ImportField[] Fields(params string[] headers) => ImportMappingGuesser.Guess(headers).Select(c => c.Field).ToArray();

    [Fact]
    public void HubSpot_export()
    {
        var mapping = ImportMappingGuesser.Guess(
            ["Record ID", "First Name", "Last Name", "Company Name", "Email", "Phone Number", "Job Title", "Country/Region", "City", "Website URL"]);

        Assert.Equal(
            [ImportField.Ignore, ImportField.FirstName, ImportField.LastName, ImportField.Company, ImportField.Email, ImportField.Phone,
             ImportField.JobTitle, ImportField.Country, ImportField.City, ImportField.Website],
            mapping.Select(c => c.Field));
        Assert.Equal(Enumerable.Range(0, 10), mapping.Select(c => c.Column));
        Assert.Equal("Company Name", mapping[3].Header);
    }

    [Theory]
    [InlineData("Ligne", "Motif")]
    [InlineData("Line", "Reason")]
    public void A_corrected_rejects_file_maps_back_and_leaves_its_line_and_reason_out(string line, string reason)
    {
        // The rejects download is the original columns plus the line and the reason, in the downloader's language: fixed
        // and imported again, it maps as the original did and the two added columns are ignored, not kept as fields.
        var mapping = ImportMappingGuesser.Guess(["Prénom", "Nom", "Société", "Email", "Téléphone", line, reason]);

        Assert.Equal(
            [ImportField.FirstName, ImportField.LastName, ImportField.Company, ImportField.Email, ImportField.Phone,
             ImportField.Ignore, ImportField.Ignore],
            mapping.Select(c => c.Field));
    }

    [Fact]
    public void Salesforce_export_keeps_the_mobile_as_a_custom_field_next_to_the_phone()
    {
        var mapping = ImportMappingGuesser.Guess(["First Name", "Last Name", "Account Name", "Title", "Email", "Mobile", "Phone", "Mailing Country"]);

        Assert.Equal(
            [ImportField.FirstName, ImportField.LastName, ImportField.Company, ImportField.JobTitle, ImportField.Email, ImportField.Custom,
             ImportField.Phone, ImportField.Country],
            mapping.Select(c => c.Field));
        Assert.Equal("Mobile", mapping[5].CustomKey);
    }

    [Fact]
    public void Pipedrive_export() =>
        Assert.Equal([ImportField.FullName, ImportField.Company, ImportField.Email, ImportField.Phone],
            Fields("Person - Name", "Organization - Name", "Person - Email", "Person - Phone"));

    [Fact]
    public void Pipedrive_export_with_labelled_emails_and_phones_takes_the_work_ones()
    {
        var mapping = ImportMappingGuesser.Guess(
            ["Person - Name", "Person - Organization", "Person - Email - Home", "Person - Email - Work", "Person - Phone - Mobile",
             "Person - Phone - Work", "Person - Job title", "Person - Label"]);

        Assert.Equal(
            [ImportField.FullName, ImportField.Company, ImportField.Custom, ImportField.Email, ImportField.Custom, ImportField.Phone,
             ImportField.JobTitle, ImportField.Ignore],
            mapping.Select(c => c.Field));
        Assert.Equal(("Person - Email - Home", "Person - Phone - Mobile"), (mapping[2].CustomKey, mapping[4].CustomKey));
    }

    [Fact]
    public void Phantombuster_Sales_Navigator_export_takes_no_LinkedIn_page_for_the_website()
    {
        // companyUrl and regularCompanyUrl are the company's LinkedIn pages, not its site.
        var mapping = ImportMappingGuesser.Guess(
            ["profileUrl", "fullName", "firstName", "lastName", "companyName", "title", "companyId", "companyUrl", "regularCompanyUrl", "location"]);

        Assert.Equal(
            [ImportField.Custom, ImportField.FullName, ImportField.FirstName, ImportField.LastName, ImportField.Company, ImportField.JobTitle,
             ImportField.Ignore, ImportField.Ignore, ImportField.Ignore, ImportField.Ignore],
            mapping.Select(c => c.Field));
        Assert.Equal(ImportMappingGuesser.LinkedInKey, mapping[0].CustomKey);
    }

    [Fact]
    public void Sales_Navigator_tools_keep_the_LinkedIn_profile_as_a_custom_field()
    {
        var mapping = ImportMappingGuesser.Guess(["firstName", "lastName", "companyName", "title", "linkedinProfileUrl", "profileImageUrl"]);

        Assert.Equal(
            [ImportField.FirstName, ImportField.LastName, ImportField.Company, ImportField.JobTitle, ImportField.Custom, ImportField.Ignore],
            mapping.Select(c => c.Field));
        Assert.Equal(ImportMappingGuesser.LinkedInKey, mapping[4].CustomKey);
    }

    [Fact]
    public void Lemlist_export() =>
        Assert.Equal([ImportField.Email, ImportField.FirstName, ImportField.LastName, ImportField.Company, ImportField.Phone, ImportField.JobTitle],
            Fields("email", "firstName", "lastName", "companyName", "phone", "jobTitle"));

    [Fact]
    public void French_Excel_headers_with_accents_and_any_case() =>
        Assert.Equal(
            [ImportField.FirstName, ImportField.LastName, ImportField.Company, ImportField.Email, ImportField.Phone, ImportField.Country,
             ImportField.City, ImportField.Siren, ImportField.CompanyEmployees, ImportField.JobTitle, ImportField.Website, ImportField.Source],
            Fields("Prénom", "NOM", "Société", "E-mail", "Téléphone", "Pays", "Ville", "N° SIREN", "Effectif", "Fonction", "Site web", "Origine"));

    [Fact]
    public void Each_field_is_guessed_once_and_unknown_headers_are_ignored()
    {
        var mapping = ImportMappingGuesser.Guess(["Email", "Commentaire", "Email (2)", "Colonne 4"]);

        Assert.Equal([ImportField.Email, ImportField.Ignore, ImportField.Custom, ImportField.Ignore], mapping.Select(c => c.Field));
        Assert.Equal("Email (2)", mapping[2].CustomKey);
    }

    [Theory]
    [InlineData("Prénom", "prenom")]
    [InlineData("  First_Name ", "firstname")]
    [InlineData("Country/Region", "countryregion")]
    [InlineData("Person - Email", "personemail")]
    [InlineData("Cœur", "coeur")]
    public void Headers_are_folded(string header, string folded) => Assert.Equal(folded, ImportMappingGuesser.Fold(header));
}
