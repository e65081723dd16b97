using System.Globalization;
using System.Text;

namespace Facturix.Domain.Import;

/// <summary>
/// Guesses where each column of an import goes from its header (issue 15): French and English names and the exports
/// agencies receive (HubSpot, Salesforce, Pipedrive, Sales Navigator tools such as Phantombuster, Evaboot and Kaspr,
/// Lemlist, Excel "Prénom;Nom;Société"). Headers are compared folded (<see cref="Fold"/>), so "First Name",
/// "first_name", "firstName" and "FIRST-NAME" are one name. Each field goes to one column at most: the column whose
/// header is the strongest alias (Phone beats Mobile wherever they stand), the first one on a tie. A column that names a
/// field already taken (a second email, Mobile next to Phone) is kept as a custom field under its header; a column no
/// alias names is ignored: exports carry many technical columns (ids, dates, owners), and the person sees the proposal
/// and can keep any of them as a custom field (docs/decisions/0056). Pipedrive splits labelled values into their own
/// columns ("Person - Email - Work", "Person - Phone - Mobile"): the work ones are the email and the phone. "companyUrl" is
/// no website: Phantombuster's Sales Navigator exports put the company's LinkedIn page there.
/// </summary>
public static class ImportMappingGuesser
{
    /// <summary>The custom field key of LinkedIn profile URLs (Sales Navigator tools).</summary>
    public const string LinkedInKey = "linkedin";

    private readonly record struct Alias(ImportField Field, int Rank, string? CustomKey = null);

    // Rank: 0 is the field's own name; higher is a weaker hint (a mobile number is a phone, but "Phone" is the phone).
    private static readonly Dictionary<string, Alias> Aliases = Build(
        (ImportField.FirstName, 0, ["firstname", "prenom", "first", "givenname", "personfirstname", "contactfirstname", "fname", "prenomducontact"]),
        (ImportField.LastName, 0, ["lastname", "nom", "last", "surname", "familyname", "nomdefamille", "personlastname", "contactlastname", "lname", "nomducontact", "nomdusage"]),
        (ImportField.FullName, 0, ["fullname", "name", "personname", "nomcomplet", "contactname", "contact", "nomprenom", "prenomnom", "nometprenom", "prenometnom", "nomdelapersonne", "profilename"]),
        (ImportField.JobTitle, 0, ["jobtitle", "title", "poste", "fonction", "titre", "titreduposte", "intituleduposte", "position", "role", "job", "persontitle", "personjobtitle", "occupation"]),
        (ImportField.Company, 0, ["company", "companyname", "societe", "entreprise", "accountname", "organizationname", "organisationname", "organization", "organisation", "raisonsociale", "nomdelentreprise", "nomdelasociete", "compagnie", "account", "employeur", "currentcompany", "personorganization", "personorganisation"]),
        (ImportField.Email, 0, ["email", "mail", "emailaddress", "courriel", "adressemail", "adresseemail", "adresseelectronique", "personemail", "personemailwork", "workemail", "emailprofessionnel", "emailpro", "businessemail", "professionalemail"]),
        (ImportField.Email, 1, ["personalemail", "emailperso", "emailpersonnel", "personemailhome", "personemailother"]),
        (ImportField.Phone, 0, ["phone", "telephone", "tel", "phonenumber", "numerodetelephone", "personphone", "personphonework", "workphone", "telephonefixe", "businessphone", "telephonepro"]),
        (ImportField.Phone, 1, ["mobile", "mobilephone", "mobilephonenumber", "portable", "telephoneportable", "telportable", "gsm", "cellphone", "mobilenumber", "personphonemobile"]),
        (ImportField.Phone, 2, ["personphonehome", "personphoneother"]),
        (ImportField.Country, 0, ["country", "pays", "countryregion", "mailingcountry", "countrycode", "codepays", "billingcountry", "companycountry", "personcountry"]),
        (ImportField.City, 0, ["city", "ville", "mailingcity", "commune", "localite", "billingcity", "companycity", "personcity"]),
        (ImportField.Siren, 0, ["siren", "nsiren", "nosiren", "numsiren", "numerosiren", "sirensociete", "siren9"]),
        (ImportField.Website, 0, ["website", "websiteurl", "siteweb", "siteinternet", "site", "url", "companywebsite", "companydomain", "companydomainname", "domain", "domaine", "web", "organizationwebsite"]),
        (ImportField.CompanyEmployees, 0, ["companyemployees", "employees", "numberofemployees", "nombredemployes", "nombredesalaries", "effectif", "effectifs", "trancheeffectif", "trancheeffectifs", "companysize", "headcount", "companyheadcount", "employeecount", "tailleentreprise", "tailledelentreprise", "nbsalaries", "nbemployes", "salaries"]),
        (ImportField.Source, 0, ["source", "leadsource", "origine", "provenance", "sourcedulead"]),
        (ImportField.Custom, 0, ["linkedinprofileurl", "linkedin", "linkedinurl", "linkedinprofile", "profileurl", "personlinkedinurl", "urllinkedin", "profillinkedin", "linkedinprofil", "defaultprofileurl"]));

    private static Dictionary<string, Alias> Build(params (ImportField Field, int Rank, string[] Names)[] groups)
    {
        var map = new Dictionary<string, Alias>(StringComparer.Ordinal);
        foreach (var (field, rank, names) in groups)
            foreach (var name in names)
                map.Add(name, new Alias(field, rank, field == ImportField.Custom ? LinkedInKey : null));
        return map;
    }

    /// <summary>The proposal for these headers, one mapping per column in order.</summary>
    public static IReadOnlyList<ColumnMapping> Guess(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var aliases = headers.Select(AliasOf).ToArray();
        var result = new ColumnMapping[headers.Count];
        var taken = new HashSet<(ImportField, string?)>();
        // Strongest aliases first, then file order: each field (each custom key) goes to one column.
        foreach (var column in Enumerable.Range(0, headers.Count).Where(i => aliases[i] is not null).OrderBy(i => aliases[i]!.Value.Rank).ThenBy(i => i))
        {
            var alias = aliases[column]!.Value;
            result[column] = taken.Add((alias.Field, alias.CustomKey))
                ? new ColumnMapping(column, headers[column], alias.Field, alias.CustomKey)
                : new ColumnMapping(column, headers[column], ImportField.Custom, headers[column].Trim());
        }
        for (var i = 0; i < result.Length; i++)
            result[i] ??= new ColumnMapping(i, headers[i], ImportField.Ignore);
        return result;
    }

    /// <summary>The field a header names, if any (used to tell a header row from data).</summary>
    public static ImportField? FieldOf(string header) => AliasOf(header)?.Field;

    /// <summary>The header's alias; a repeated header's rank suffix ("Email (2)", see the reader) does not hide it.</summary>
    private static Alias? AliasOf(string header)
    {
        if (Aliases.TryGetValue(Fold(header), out var alias)) return alias;
        var trimmed = header.TrimEnd();
        if (trimmed.EndsWith(')') && trimmed.LastIndexOf(" (", StringComparison.Ordinal) is var open and > 0
            && trimmed.Length > open + 3 && trimmed[(open + 2)..^1].All(char.IsAsciiDigit) && Aliases.TryGetValue(Fold(trimmed[..open]), out alias))
            return alias;
        return null;
    }

    /// <summary>
    /// A header as compared: lower case, without accents (œ as oe), letters and digits only. "Prénom" → "prenom",
    /// "Country/Region" → "countryregion", "Person - Email" → "personemail", "E-mail" → "email".
    /// </summary>
    public static string Fold(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            switch (c)
            {
                case 'œ' or 'Œ': builder.Append("oe"); break;
                case 'æ' or 'Æ': builder.Append("ae"); break;
                case 'ß': builder.Append("ss"); break;
                default:
                    if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
                    break;
            }
        }
        return builder.ToString();
    }
}
