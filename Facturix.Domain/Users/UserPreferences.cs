namespace Facturix.Domain.Users;

/// <summary>Per-user display preferences, remembered across sessions and devices.</summary>
public sealed record UserPreferences(string Culture, bool DarkMode)
{
    public const string DefaultCulture = "fr";
    public static readonly IReadOnlyList<string> SupportedCultures = ["fr", "en"];

    public static string NormalizeCulture(string? culture) =>
        culture is not null && SupportedCultures.Contains(culture[..Math.Min(2, culture.Length)].ToLowerInvariant())
            ? culture[..2].ToLowerInvariant()
            : DefaultCulture;
}
