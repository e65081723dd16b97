namespace Facturix.App.Search;

/// <summary>Marker for the global search's localized strings (SearchStrings.resx = French, .en.resx = English).</summary>
public sealed class SearchStrings;
