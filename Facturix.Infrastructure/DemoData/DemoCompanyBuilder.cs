using System.Globalization;

namespace Facturix.Infrastructure.DemoData;

/// <summary>A prospect company: leads of several campaigns may work there.</summary>
internal sealed record DemoCompany(string Name, string Domain, DemoCatalog.City City, string? Siren);

/// <summary>Fictional French companies with unique names and web domains, for the leads to work at.</summary>
internal sealed class DemoCompanyBuilder(Random random)
{
    private static readonly string[] LegalForms = ["SA", "SARL", "SAS", "SASU", "EURL", "SCOP", "GIE", "SEM", "SNC", "EI"];

    public List<DemoCompany> CreateCompanies(int count, List<string> lastNames)
    {
        var cityWeights = DemoCatalog.Cities.Select(c => c.Weight).ToArray();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var domains = new HashSet<string>(StringComparer.Ordinal);
        var companies = new List<DemoCompany>(count);
        while (companies.Count < count)
        {
            var city = DemoCatalog.Cities[random.Pick(cityWeights)];
            var name = random.NextDouble() < 0.45 ? FamilyName(lastNames) : BrandName();
            if (!names.Add(name))
            {
                name = $"{name} {city.Name}";
                if (!names.Add(name)) continue;
            }

            var core = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(w => !LegalForms.Contains(w) && w is not ("et" or "&" or "Établissements" or "Fils")));
            var slug = DemoIdentifiers.Ascii(core, keepDashes: true);
            if (slug.Length == 0) slug = "entreprise";
            var tld = random.NextDouble() < 0.75 ? ".fr" : ".com";
            var domain = slug + tld;
            for (var k = 2; !domains.Add(domain); k++)
                domain = $"{slug}-{DemoIdentifiers.Ascii(city.Name, keepDashes: true)}{(k > 2 ? k.ToString(CultureInfo.InvariantCulture) : "")}{tld}";

            companies.Add(new DemoCompany(name, domain, city, random.NextDouble() < 0.70 ? DemoIdentifiers.Siren(random) : null));
        }
        return companies;
    }

    /// <summary>Family names, French style ("Martin et Fils", "Établissements Roux", "Garnier Leroy SAS").</summary>
    private string FamilyName(List<string> lastNames)
    {
        string Last() => lastNames[random.Next(lastNames.Count)];
        return random.Next(6) switch
        {
            0 => $"{Last()} et Fils",
            1 => $"Établissements {Last()}",
            2 => $"{Last()} & {Last()}",
            3 => $"{Last()} {Last()} {LegalForms[random.Next(5)]}",
            _ => $"{Last()} {LegalForms[random.Next(LegalForms.Length)]}",
        };
    }

    /// <summary>A made-up brand ("Novatec", "Groupe Axelia", "Optiline Conseil").</summary>
    private string BrandName()
    {
        var brand = DemoCatalog.BrandStarts[random.Next(DemoCatalog.BrandStarts.Length)]
            + DemoCatalog.BrandEnds[random.Next(DemoCatalog.BrandEnds.Length)];
        var qualifier = DemoCatalog.BrandQualifiers[random.Next(DemoCatalog.BrandQualifiers.Length)];
        return qualifier.Length == 0 ? brand : random.Next(3) == 0 && qualifier == "Groupe" ? $"Groupe {brand}" : $"{brand} {qualifier}";
    }
}
