using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Facturix.Infrastructure.DemoData;

/// <summary>Realistic French identifiers drawn from a seeded <see cref="Random"/>: SIREN, phone numbers, ids, e-mail parts.</summary>
internal static class DemoIdentifiers
{
    /// <summary>A 9-digit SIREN whose last digit is the Luhn check digit (first digit never 0).</summary>
    public static string Siren(Random random)
    {
        Span<char> digits = stackalloc char[9];
        digits[0] = (char)('1' + random.Next(9));
        for (var i = 1; i < 8; i++)
            digits[i] = (char)('0' + random.Next(10));
        digits[8] = (char)('0' + LuhnCheckDigit(digits[..8]));
        return new string(digits);
    }

    /// <summary>The digit to append to <paramref name="payload"/> so that the whole number passes the Luhn check.</summary>
    public static int LuhnCheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        // Walking from the right of the payload, the first digit is the one doubled (the check digit will sit after it).
        for (int i = payload.Length - 1, doubled = 1; i >= 0; i--, doubled ^= 1)
        {
            var d = payload[i] - '0';
            if (doubled == 1)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    public static bool IsLuhnValid(string number)
    {
        if (number.Length < 2 || !number.All(char.IsAsciiDigit)) return false;
        return LuhnCheckDigit(number.AsSpan(0, number.Length - 1)) == number[^1] - '0';
    }

    // Only prefixes libphonenumber knows as assigned, so every generated number is "valid", not merely well formed.
    private static readonly string[] MobilePrefixes = ["60", "61", "62", "64", "65", "66", "67", "68", "73", "74", "75", "76", "77", "78", "79"];
    private static readonly string[][] LandlinePrefixes =
    [
        [],
        ["10", "11", "12", "13", "14", "15", "16", "17", "18", "19"],
        ["20", "21", "22", "23", "24", "25", "27", "28", "29"],
        ["30", "31", "32", "33", "34", "35", "36", "37", "38", "39"],
        ["41", "42", "43", "44", "45", "46", "47", "48", "49"],
        ["50", "51", "52", "53", "54", "55", "56", "57", "58"],
    ];

    /// <summary>
    /// An E.164 French number: +33 then 9 digits. Mobiles start with 6 or 7; landlines with the region digit
    /// (1 Île-de-France, 2 north-west, 3 north-east, 4 south-east, 5 south-west).
    /// </summary>
    public static string Phone(Random random, bool mobile, int region)
    {
        var prefix = mobile
            ? MobilePrefixes[random.Next(MobilePrefixes.Length)]
            : LandlinePrefixes[Math.Clamp(region, 1, 5)][random.Next(LandlinePrefixes[Math.Clamp(region, 1, 5)].Length)];
        return string.Create(12, (prefix, random.Next(10_000_000)), static (span, state) =>
        {
            "+33".CopyTo(span);
            state.prefix.CopyTo(span[3..]);
            state.Item2.TryFormat(span[5..], out _, "D7", CultureInfo.InvariantCulture);
        });
    }

    /// <summary>
    /// A UUID version 7 (48-bit Unix milliseconds, then random bits) like <see cref="Guid.CreateVersion7(DateTimeOffset)"/>,
    /// but with the random bits from <paramref name="random"/>, so that a seed gives the same ids every time.
    /// Time-ordered ids keep the primary-key indexes append-only.
    /// </summary>
    public static Guid UuidV7(DateTimeOffset timestamp, Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var ms = timestamp.ToUnixTimeMilliseconds();
        Span<byte> msBytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(msBytes, ms);
        msBytes[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Lower-case ASCII for e-mail addresses and domains: accents dropped, anything else removed.</summary>
    public static string Ascii(string text, bool keepDashes = false)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsAsciiLetterOrDigit(c))
                builder.Append(char.ToLowerInvariant(c));
            else if (c is 'œ' or 'Œ')
                builder.Append("oe");
            else if (c is 'æ' or 'Æ')
                builder.Append("ae");
            else if (keepDashes && (c is '-' or ' ' or '\'') && builder.Length > 0 && builder[^1] != '-')
                builder.Append('-');
        }
        while (builder.Length > 0 && builder[^1] == '-') builder.Length--;
        return builder.ToString();
    }
}
