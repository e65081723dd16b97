namespace Facturix.App.Dashboard;

/// <summary>Marker for the dashboard's localized strings (DashboardStrings.resx = French, .en.resx = English).</summary>
public sealed class DashboardStrings;
