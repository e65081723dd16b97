namespace Facturix.App.Campaigns.Outcomes;

/// <summary>Marker for the Outcomes tab's localized strings.</summary>
public sealed class OutcomesStrings;
