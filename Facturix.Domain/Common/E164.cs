using PhoneNumbers;

namespace Facturix.Domain.Common;

/// <summary>Why a typed phone could not be read as a number (shown next to it by a clean-up preview).</summary>
public enum PhoneProblem
{
    /// <summary>Letters or too few digits to be a phone at all ("not a phone", "12").</summary>
    NotANumber,
    /// <summary>A "+" prefix no country uses, or a national number without a known default country.</summary>
    UnknownCountryCode,
    TooShort,
    TooLong,
    /// <summary>The right length but no real number in that country's plan ("00 00 00 00 00").</summary>
    Invalid,
}

/// <summary>A typed phone read as E.164, or the reason it could not be.</summary>
public sealed record PhoneReading(string? E164, PhoneProblem? Problem)
{
    public bool IsValid => E164 is not null;
}

/// <summary>
/// The one place that reads typed phones (libphonenumber), shared by the account form (<c>AccountRules.ToE164</c>) and
/// the lead clean-up (<c>LeadNormalizer.Phone</c>) so both store the same E.164 for the same typed number.
/// </summary>
public static class E164
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>ISO 3166-1 alpha-2 codes of every region with a numbering plan.</summary>
    public static IReadOnlySet<string> Regions { get; } =
        new SortedSet<string>(Phones.GetSupportedRegions(), StringComparer.Ordinal);

    /// <summary>
    /// Reads <paramref name="phone"/> with <paramref name="region"/> as the region of national numbers ("06 12 34 56 78"
    /// in FR); an international number ("+32 ...") ignores it. An unknown or null region accepts international numbers only.
    /// Blank input is <see cref="PhoneProblem.NotANumber"/>: callers decide whether blank is fine.
    /// </summary>
    public static PhoneReading Read(string? phone, string? region)
    {
        if (string.IsNullOrWhiteSpace(phone)) return new(null, PhoneProblem.NotANumber);
        var known = region is not null && Regions.Contains(region) ? region : "ZZ";
        PhoneNumber number;
        try
        {
            number = Phones.Parse(phone, known);
        }
        catch (NumberParseException e)
        {
            return new(null, e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => PhoneProblem.UnknownCountryCode,
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => PhoneProblem.TooShort,
                ErrorType.TOO_LONG => PhoneProblem.TooLong,
                _ => PhoneProblem.NotANumber,
            });
        }
        if (Phones.IsValidNumber(number)) return new(Phones.Format(number, PhoneNumberFormat.E164), null);
        return new(null, Phones.IsPossibleNumberWithReason(number) switch
        {
            PhoneNumberUtil.ValidationResult.TOO_SHORT => PhoneProblem.TooShort,
            PhoneNumberUtil.ValidationResult.TOO_LONG => PhoneProblem.TooLong,
            PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => PhoneProblem.UnknownCountryCode,
            _ => PhoneProblem.Invalid,
        });
    }

    /// <summary>
    /// The region whose numbers read in national format ("06 12 34 56 78"): the viewer's own country, which for every
    /// Facturix user today is the agency's, France (docs/decisions/0079). Every other number reads in international format.
    /// </summary>
    public const string HomeRegion = "FR";

    /// <summary>A stored E.164 number as the viewer reads it: <see cref="Display(string?, string?)"/> from <see cref="HomeRegion"/>.</summary>
    public static string? Display(string? e164) => Display(e164, HomeRegion);

    /// <summary>
    /// A stored E.164 number for reading, grouped the way its country writes it: national when it belongs to
    /// <paramref name="homeRegion"/> ("+33612345678" → "06 12 34 56 78"), international otherwise ("+44 20 7946 0958"),
    /// with no-break spaces so a cell never splits it over two lines. What is not a valid number (unparseable, or no
    /// number of its country's plan) comes back as it is: grouped by guesswork it would hide what the data holds.
    /// </summary>
    public static string? Display(string? e164, string? homeRegion) =>
        string.IsNullOrWhiteSpace(e164) ? e164 : ReadStored(e164, homeRegion)?.Display ?? e164;

    /// <summary>
    /// A stored E.164 number as an edit field shows it: international and grouped ("+33612345678" → "+33 6 12 34 56 78"),
    /// so it reads like the number on the page and still parses to itself whatever the lead's country (a national
    /// "06 ..." would be read in the lead's country's plan when saved). Plain spaces: it is typed over, not wrapped. What is
    /// not a valid number comes back as stored, for the person to correct.
    /// </summary>
    public static string? Editable(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164)) return e164;
        try
        {
            var number = Phones.Parse(e164, "ZZ");
            return Phones.IsValidNumber(number) ? Phones.Format(number, PhoneNumberFormat.INTERNATIONAL) : e164;
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    /// <summary><see cref="ReadStored(string?, string?)"/> for a viewer at <see cref="HomeRegion"/>.</summary>
    public static StoredPhone? ReadStored(string? e164) => ReadStored(e164, HomeRegion);

    /// <summary>
    /// A stored number parsed once for a phone link: the E.164 to dial (what <see cref="Read"/> gives) and the text
    /// <see cref="Display(string?, string?)"/> shows. Null when it is no valid number (blank, unparseable, or no number of
    /// its country's plan): nothing to dial, and the caller shows it as stored. A link that asked both questions parsed
    /// the number twice per render.
    /// </summary>
    public static StoredPhone? ReadStored(string? e164, string? homeRegion)
    {
        if (string.IsNullOrWhiteSpace(e164)) return null;
        PhoneNumber number;
        try
        {
            number = Phones.Parse(e164, "ZZ");
        }
        catch (NumberParseException)
        {
            return null;
        }
        if (!Phones.IsValidNumber(number)) return null;
        var format = string.Equals(Phones.GetRegionCodeForNumber(number), homeRegion, StringComparison.OrdinalIgnoreCase)
            ? PhoneNumberFormat.NATIONAL
            : PhoneNumberFormat.INTERNATIONAL;
        return new(Phones.Format(number, PhoneNumberFormat.E164), Phones.Format(number, format).Replace(' ', '\u00A0'));
    }
}

/// <summary>A valid stored phone as a link needs it: <see cref="Dial"/> for <c>tel:</c>, <see cref="Display"/> to read.</summary>
public sealed record StoredPhone(string Dial, string Display);
