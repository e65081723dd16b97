using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using Facturix.Domain.Accounts;

namespace Facturix.App.Shell;

/// <summary>
/// The countries a phone number can belong to (<see cref="AccountRules.Countries"/>), named in the reader's language
/// ("Allemagne (DE)"), for <c>CountryField</c>. Compared without case or accents, as people type them.
/// </summary>
internal static class CountryNames
{
    private const CompareOptions Loosely = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    /// <summary>Every code, by its name in the current culture.</summary>
    public static IEnumerable<string> All() =>
        AccountRules.Countries.OrderBy(Name, StringComparer.Create(CultureInfo.CurrentCulture, CompareOptions.IgnoreCase));

    /// <summary>The codes whose name or code holds <paramref name="text"/>; a code typed whole comes first.</summary>
    public static IEnumerable<string> Matching(string text)
    {
        var typed = text.Trim();
        var compare = CultureInfo.CurrentCulture.CompareInfo;
        return All().Where(code => compare.IndexOf(Display(code), typed, Loosely) >= 0)
            .OrderByDescending(code => string.Equals(code, typed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"Allemagne (DE)" for a known code; anything else as it is.</summary>
    public static string Display(string? code) =>
        code is not null && AccountRules.IsKnownCountry(code) ? $"{Name(code)} ({code})" : code ?? "";

    /// <summary>
    /// The region's name in the reader's language. <c>new RegionInfo("DE").DisplayName</c> reads "Deutschland" whatever
    /// the culture (ICU names a bare region in its own language), and the account form once listed "Deutschland (DE)" and
    /// "España (ES)" in French; a region under the reader's language ("fr-DE") is named in it: "Allemagne". Read once per
    /// language: the lists sort and filter by name on every keystroke and every render.
    /// </summary>
    private static string Name(string code) =>
        NamesIn(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName).TryGetValue(code, out var name) ? name : code;

    private static readonly ConcurrentDictionary<string, FrozenDictionary<string, string>> Names = new(StringComparer.Ordinal);

    private static FrozenDictionary<string, string> NamesIn(string language) =>
        Names.GetOrAdd(language, lang => AccountRules.Countries.ToFrozenDictionary(code => code, code => RegionName(lang, code),
            StringComparer.OrdinalIgnoreCase));

    private static string RegionName(string language, string code)
    {
        try
        {
            return new RegionInfo($"{language}-{code}").DisplayName;
        }
        catch (ArgumentException)
        {
            return code; // a region .NET does not know
        }
    }
}
