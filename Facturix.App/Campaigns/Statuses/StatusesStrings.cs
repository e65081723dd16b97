namespace Facturix.App.Campaigns.Statuses;

/// <summary>Marker for the Statuses tab's localized strings.</summary>
public sealed class StatusesStrings;
