using System.Globalization;
using Facturix.Domain.Common;

namespace Facturix.Domain.Leads.Cleanup;

/// <summary>
/// Clean-up rules for typed lead data (backlog 2.3.5): each function is pure and takes one field, so a preview can
/// show what each would change before anything is written. Blank input is null ("nothing to clean"), never an error.
/// </summary>
public static class LeadNormalizer
{
    /// <summary>
    /// The phone in E.164, national numbers read in <paramref name="defaultCountry"/> (the lead's country).
    /// Blank: no number and no problem. Otherwise the number, or null with the reason it could not be read.
    /// </summary>
    public static PhoneReading Phone(string? raw, string defaultCountry) =>
        string.IsNullOrWhiteSpace(raw) ? new(null, null) : E164.Read(raw, defaultCountry);

    /// <summary>
    /// ISO 3166-1 alpha-2 from an alpha-2 or alpha-3 code, or a French or English country name, ignoring case, accents,
    /// hyphens and apostrophes ("Allemagne", "germany", "DE", "deu", "Royaume-Uni", "UK", "Etats Unis", "USA").
    /// Null when blank or unknown.
    /// </summary>
    public static string? Country(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : CountryNames.Find(TextFold.Fold(raw));

    /// <summary>
    /// Trimmed, spaces collapsed, each part title-cased across hyphens and apostrophes ("jean-pierre" → "Jean-Pierre",
    /// "o'neil" → "O'Neil"); the French particles de, du, des and d' stay lower-case ("jean DE LA FONTAINE" →
    /// "Jean de La Fontaine", "d'artagnan" → "d'Artagnan"). A part already written in mixed case starting with a
    /// capital ("McDonald", "DiCaprio") is taken as deliberate and kept. Null when blank.
    /// </summary>
    public static string? PersonName(string? raw)
    {
        var squashed = TextFold.Squash(raw);
        return squashed is null ? null : string.Join(' ', squashed.Split(' ').Select(NameWord));
    }

    /// <summary>Trimmed and inner spaces collapsed, case kept: company names are brands ("SNCF", "iAdvize"). Null when blank.</summary>
    public static string? Company(string? raw) => TextFold.Squash(raw);

    /// <summary>Trimmed and lower-case (the domain is case-insensitive and nobody relies on a case-sensitive mailbox). Null when blank.</summary>
    public static string? Email(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : raw.Trim().ToLowerInvariant();

    private static readonly HashSet<string> Particles = new(StringComparer.OrdinalIgnoreCase) { "de", "du", "des" };
    private static readonly char[] Apostrophes = ['\'', '’'];

    private static string NameWord(string word)
    {
        if (Particles.Contains(word)) return word.ToLowerInvariant();
        // Hyphens and apostrophes split a word into parts cased one by one; the separators are kept as typed.
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= word.Length; i++)
        {
            if (i < word.Length && word[i] != '-' && !Apostrophes.Contains(word[i])) continue;
            var part = word[start..i];
            var elided = i < word.Length && Apostrophes.Contains(word[i]) && part.Equals("d", StringComparison.OrdinalIgnoreCase);
            parts.Add(elided ? "d" : TitlePart(part));
            if (i < word.Length) parts.Add(word[i].ToString());
            start = i + 1;
        }
        return string.Concat(parts);
    }

    private static string TitlePart(string part)
    {
        if (part.Length == 0) return part;
        var mixed = part.Any(char.IsUpper) && part.Any(char.IsLower);
        if (mixed && char.IsUpper(part[0])) return part;
        return char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant();
    }

    /// <summary>Folded names and codes to alpha-2, built once from .NET's own (ICU) region data in French and English.</summary>
    private static class CountryNames
    {
        // Declared before ByKey: static fields initialize in order, and Build reads it.
        private static readonly (string Alias, string Code)[] Aliases =
        [
            ("UK", "GB"), ("Great Britain", "GB"), ("Grande-Bretagne", "GB"), ("England", "GB"), ("Angleterre", "GB"),
            ("Scotland", "GB"), ("Écosse", "GB"), ("Wales", "GB"), ("Pays de Galles", "GB"),
            ("USA", "US"), ("United States of America", "US"), ("Etats-Unis d'Amérique", "US"), ("America", "US"), ("Amérique", "US"),
            ("Holland", "NL"), ("Hollande", "NL"), ("The Netherlands", "NL"),
            ("Czech Republic", "CZ"), ("République tchèque", "CZ"),
            ("Ivory Coast", "CI"), ("Korea", "KR"), ("Corée", "KR"), ("Russian Federation", "RU"),
            ("Swaziland", "SZ"), ("Macedonia", "MK"), ("Macédoine", "MK"), ("Vatican", "VA"),
        ];

        private static readonly Dictionary<string, string> ByKey = Build();

        public static string? Find(string key) => ByKey.GetValueOrDefault(key);

        private static Dictionary<string, string> Build()
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            // Codes first so that a name never shadows one; TryAdd keeps the first writer.
            foreach (var code in E164.Regions) map.TryAdd(code.ToLowerInvariant(), code);
            var regions = E164.Regions.Select(Region).OfType<(string Code, RegionInfo Fr, RegionInfo En)>().ToList();
            foreach (var (code, _, en) in regions) map.TryAdd(en.ThreeLetterISORegionName.ToLowerInvariant(), code);
            foreach (var (code, fr, en) in regions)
            {
                map.TryAdd(TextFold.Fold(fr.NativeName), code);
                map.TryAdd(TextFold.Fold(en.EnglishName), code);
            }
            // What people type that is neither a code nor ICU's name.
            foreach (var (alias, code) in Aliases) map.TryAdd(TextFold.Fold(alias), code);
            return map;
        }

        private static (string, RegionInfo, RegionInfo)? Region(string code)
        {
            try
            {
                // "fr-DE" names Germany in French ("Allemagne") whatever the current UI culture.
                return (code, new RegionInfo("fr-" + code), new RegionInfo("en-" + code));
            }
            catch (ArgumentException)
            {
                return null; // a few numbering-plan regions (AC, TA) are not ICU regions; their codes still resolve
            }
        }
    }
}
