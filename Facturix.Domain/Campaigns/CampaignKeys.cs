using System.Globalization;
using System.Text;

namespace Facturix.Domain.Campaigns;

/// <summary>
/// Stable machine keys of a campaign's statuses and outcomes, made from the label the person typed: "À rappeler"
/// becomes "a-rappeler". A key is fixed at creation (renaming keeps it) because UI hooks and saved filters use it.
/// </summary>
public static class CampaignKeys
{
    public const int MaxLength = 64;

    /// <summary>The slug of <paramref name="label"/>, with "-2", "-3"... appended until it is not in <paramref name="taken"/>.</summary>
    public static string Unique(string label, IEnumerable<string> taken, string fallback)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var slug = Slug(label);
        if (slug.Length == 0) slug = fallback;
        var key = slug;
        for (var n = 2; used.Contains(key); n++)
        {
            var suffix = $"-{n}";
            key = (slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)] : slug) + suffix;
        }
        return key;
    }

    /// <summary>Lower-case ASCII letters and digits separated by single hyphens; accents dropped.</summary>
    public static string Slug(string? label)
    {
        var builder = new StringBuilder();
        var pendingHyphen = false;
        foreach (var c in (label ?? "").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                // Room for the hyphen and the letter, or stop: checked after appending, "a…a b" came out one over the column.
                var hyphen = pendingHyphen && builder.Length > 0;
                if (builder.Length + (hyphen ? 2 : 1) > MaxLength) break;
                if (hyphen) builder.Append('-');
                pendingHyphen = false;
                builder.Append(lower);
            }
            else
            {
                pendingHyphen = true;
            }
        }
        return builder.ToString().TrimEnd('-');
    }
}
