namespace Facturix.App.Leads.Views;

/// <summary>Marker for the saved views chips' localized strings (SavedViewsStrings.resx = French, .en.resx = English).</summary>
public sealed class SavedViewsStrings;
