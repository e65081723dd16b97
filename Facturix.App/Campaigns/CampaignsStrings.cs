namespace Facturix.App.Campaigns;

/// <summary>Marker for the campaign pages' localized strings (CampaignsStrings.resx, French; .en.resx, English).</summary>
public sealed class CampaignsStrings;
