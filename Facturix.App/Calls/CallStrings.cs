namespace Facturix.App.Calls;

/// <summary>Marker for the Calls feature's localized strings (call button, unmatched calls, Aircall settings and link).</summary>
public sealed class CallStrings;
