namespace Facturix.Infrastructure.Leads;

/// <summary>
/// SQL functions created by the LeadSearch migration (20261129045915_LeadSearch.cs) and mapped in <see cref="Database.FacturixDb"/> (docs/decisions/0032).
/// Both are IMMUTABLE so that the trigram index can be built over <see cref="SearchText"/>: the list's query calls the
/// very same expression, which is how PostgreSQL picks the index.
/// </summary>
public static class LeadSearchSql
{
    public const string UnaccentFunction = "facturix_unaccent";
    public const string SearchTextFunction = "facturix_lead_search_text";
    public const string IndexName = "ix_leads_search_trgm";

    /// <summary>lower(unaccent(text)): "Hélène" → "helene".</summary>
    public static string Fold(string text) =>
        throw new InvalidOperationException("Translated to SQL only.");

    /// <summary>The folded "first last company email phone" of a lead, the text the quick search looks in.</summary>
    public static string SearchText(string? firstName, string? lastName, string company, string? email, string? phone) =>
        throw new InvalidOperationException("Translated to SQL only.");
}
