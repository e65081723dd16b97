namespace Facturix.Infrastructure.Leads;

/// <summary>
/// The leads' quick search in SQL (docs/decisions/0032, 0044). <c>facturix_unaccent</c> (LeadSearch migration) folds a
/// text; the LeadSearchColumn migration stores each lead's folded "first last company email phone" in
/// <c>leads.search_text</c> (filled by a trigger, mapped as the shadow property <see cref="SearchTextProperty"/>) under a
/// trigram index, so a search folds only its own words, never a row.
/// </summary>
public static class LeadSearchSql
{
    public const string UnaccentFunction = "facturix_unaccent";
    public const string SearchTextFunction = "facturix_lead_search_text";
    public const string SearchTextProperty = "SearchText";
    public const string SearchTextColumn = "search_text";
    public const string IndexName = "ix_leads_search_text_trgm";

    /// <summary>lower(unaccent(text)): "Hélène" → "helene". Called on the search's words only (parameters: folded once per query).</summary>
    public static string Fold(string text) =>
        throw new InvalidOperationException("Translated to SQL only.");
}
