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
    /// A stored E.164 number for reading ("+33612345678" → "+33 6 12 34 56 78"), grouped the way its country writes it,
    /// with no-break spaces so a cell never splits it over two lines. Anything that is not a number comes back as it is.
    /// </summary>
    public static string? Display(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164)) return e164;
        try
        {
            var number = Phones.Parse(e164, "ZZ");
            return Phones.Format(number, PhoneNumberFormat.INTERNATIONAL).Replace(' ', '\u00A0');
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
