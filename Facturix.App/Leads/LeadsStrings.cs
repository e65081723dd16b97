namespace Facturix.App.Leads;

/// <summary>Marker for the leads list's localized strings (LeadsStrings.resx = French, .en.resx = English).</summary>
public sealed class LeadsStrings;
