namespace Facturix.App.Leads.Detail;

/// <summary>Marker for the lead page's strings (LeadPageStrings.resx = French, .en.resx = English), score contribution codes included.</summary>
public sealed class LeadPageStrings;
