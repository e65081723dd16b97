using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Localization;

/// <summary>
/// A sentence about a count in the right grammatical number: "1 ligne rejetée", "2 lignes rejetées", "0 lead" in French,
/// "0 leads" in English. The resources hold two forms of the key, <c>Key.One</c> and <c>Key.Other</c>, and
/// <c>@L.Plural("Key", count, arguments)</c> picks one by the language's cardinal rule (CLDR: French uses "one" for 0 and 1,
/// English for exactly 1). "lead(s)" wording is not used: a test keeps both forms present for every key a component asks.
/// No package served here does plural rules for resx strings (MessageFormat and SmartFormat are not served; Humanizer
/// pluralizes English words only), and two languages' integer rules are one line each.
/// </summary>
public static class PluralText
{
    public const string OneSuffix = ".One";
    public const string OtherSuffix = ".Other";

    /// <summary>The form of <paramref name="key"/> for <paramref name="count"/>, formatted with <paramref name="arguments"/>.</summary>
    public static string Plural(this IStringLocalizer strings, string key, long count, params object[] arguments) =>
        strings[FormKey(key, count, CultureInfo.CurrentUICulture), arguments].Value;

    /// <summary>"3 leads", "1 lead": the count, formatted in the language, as the one argument of the key's form.</summary>
    public static string Count(this IStringLocalizer strings, string key, long count) =>
        strings.Plural(key, count, count.ToString("N0", CultureInfo.CurrentCulture));

    public static string FormKey(string key, long count, CultureInfo culture) =>
        key + (IsOne(count, culture) ? OneSuffix : OtherSuffix);

    /// <summary>CLDR's cardinal "one" for integers: French i = 0 or 1; English (and the rest we do not ship) i = 1.</summary>
    public static bool IsOne(long count, CultureInfo culture)
    {
        var whole = Math.Abs(count);
        return culture.TwoLetterISOLanguageName == "fr" ? whole <= 1 : whole == 1;
    }
}
