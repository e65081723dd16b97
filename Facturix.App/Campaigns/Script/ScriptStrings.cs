namespace Facturix.App.Campaigns.Script;

/// <summary>Marker for the campaign Script tab's localized strings.</summary>
public sealed class ScriptStrings;
