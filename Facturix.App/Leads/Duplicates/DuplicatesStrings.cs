namespace Facturix.App.Leads.Duplicates;

/// <summary>Marker for the duplicates page's localized strings.</summary>
public sealed class DuplicatesStrings;
