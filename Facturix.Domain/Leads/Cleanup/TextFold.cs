using System.Globalization;
using System.Text;

namespace Facturix.Domain.Leads.Cleanup;

/// <summary>Comparison keys for typed text: accents and case folded, punctuation turned into single spaces.</summary>
internal static class TextFold
{
    /// <summary>"  Côte d’Ivoire " → "cote d ivoire"; "Œuvre & Co." → "oeuvre co". Dots vanish so "S.A.S." folds to "sas".</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = true; // no leading space
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c == '.') continue;
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c) switch { 'œ' => "oe", 'æ' => "ae", 'ß' => "ss", var l => l.ToString() });
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Trimmed, inner runs of white space collapsed to one space; null when nothing is left.</summary>
    public static string? Squash(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
