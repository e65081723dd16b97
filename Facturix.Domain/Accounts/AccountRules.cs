using System.Net.Mail;
using Facturix.Domain.Common;

namespace Facturix.Domain.Accounts;

/// <summary>The pure rules behind <see cref="AccountInputValidator"/>, shared with the service that normalizes what it stores.</summary>
public static class AccountRules
{
    /// <summary>ISO 3166-1 alpha-2 codes of real countries and territories (libphonenumber's regions: every place with a numbering plan).</summary>
    public static IReadOnlySet<string> Countries => E164.Regions;

    public static bool IsKnownCountry(string? code) => code is not null && Countries.Contains(code);

    /// <summary>
    /// A SIREN as stored: its digits without the spaces it is printed with ("732 829 320" on a Kbis or in the INSEE's
    /// register, often pasted from there, no-break spaces included). Null when nothing is left.
    /// </summary>
    public static string? SirenDigits(string? siren)
    {
        if (siren is null) return null;
        var digits = string.Concat(siren.Where(c => !char.IsWhiteSpace(c) && c != '\u202F'));
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>A stored SIREN as the INSEE prints it, in three groups of three ("732 829 320"), with no-break spaces; anything else as stored.</summary>
    public static string? DisplaySiren(string? siren) =>
        siren is { Length: 9 } && siren.All(char.IsAsciiDigit) ? $"{siren[..3]}\u00A0{siren[3..6]}\u00A0{siren[6..]}" : siren;

    /// <summary>A SIREN's last digit is a Luhn check digit over the nine (INSEE): a typo in one digit is caught.</summary>
    public static bool IsLuhnValid(string? digits)
    {
        if (string.IsNullOrEmpty(digits) || !digits.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /// <summary>
    /// An absolute http or https address with a host: the site is shown as a link, so javascript:, data:, ftp: and
    /// relative addresses are refused.
    /// </summary>
    public static bool IsWebAddress(string website) =>
        Uri.TryCreate(website.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && !website.Contains(' ');

    /// <summary>One address, no display name ("Camille &lt;c@x.fr&gt;" is refused), with a dot in the domain.</summary>
    public static bool IsEmailAddress(string email)
    {
        var trimmed = email.Trim();
        return MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.Host.Contains('.')
            && !address.Host.EndsWith('.');
    }

    /// <summary>
    /// The phone number in E.164 ("+33612345678"), read with <paramref name="country"/> as the region of national
    /// numbers ("06 12 34 56 78" in FR); null when it is not a valid number. An empty input is null too (checked by the caller).
    /// </summary>
    public static string? ToE164(string? phone, string? country) =>
        string.IsNullOrWhiteSpace(phone) ? null : E164.Read(phone, country).E164;
}
