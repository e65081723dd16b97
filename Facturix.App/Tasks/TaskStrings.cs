namespace Facturix.App.Tasks;

/// <summary>Marker for the tasks' localized strings (TaskStrings.resx = French, .en.resx = English).</summary>
public sealed class TaskStrings;
