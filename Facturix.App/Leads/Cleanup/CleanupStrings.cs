namespace Facturix.App.Leads.Cleanup;

/// <summary>Marker for the leads clean-up's localized strings (CleanupStrings.resx = French, .en.resx = English).</summary>
public sealed class CleanupStrings;
