namespace Facturix.Infrastructure.Database;

/// <summary>
/// Search boxes become ILIKE patterns: what the person typed matches literally (a "%" or "_" is a character, not a
/// wildcard), anywhere in the text. Use with the same escape character:
/// <code>var pattern = LikePattern.Containing(search); rows.Where(r => EF.Functions.ILike(r.Name, pattern, LikePattern.Escape))</code>
/// </summary>
internal static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>"%term%" with the term trimmed and its wildcards and escape characters escaped.</summary>
    public static string Containing(string term) =>
        "%" + term.Trim()
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
