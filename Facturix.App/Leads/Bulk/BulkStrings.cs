namespace Facturix.App.Leads.Bulk;

/// <summary>Marker for the bulk bar's localized strings (BulkStrings.resx = French, .en.resx = English).</summary>
public sealed class BulkStrings;
