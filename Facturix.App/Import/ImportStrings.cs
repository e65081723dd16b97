namespace Facturix.App.Import;

/// <summary>Marker for the import wizard's localized strings (ImportStrings.resx = French, .en.resx = English).</summary>
public sealed class ImportStrings;
