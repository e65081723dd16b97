namespace Facturix.App.Localization;

/// <summary>
/// Marker type for the shared resources: <c>IStringLocalizer&lt;SharedStrings&gt;</c> reads
/// <c>SharedStrings.resx</c> (French, the neutral culture) and <c>SharedStrings.en.resx</c> (English).
/// The resources embed as <c>Facturix.App.Localization.SharedStrings</c>, which is exactly this type's full
/// name, so <c>AddLocalization()</c> must be called WITHOUT a <c>ResourcesPath</c>.
/// </summary>
public sealed class SharedStrings;
