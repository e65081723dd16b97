namespace Facturix.App.Campaigns.Assignments;

/// <summary>Marker for the campaign Assignments tab's localized strings.</summary>
public sealed class AssignmentsStrings;
