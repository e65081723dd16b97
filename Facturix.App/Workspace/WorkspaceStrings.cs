namespace Facturix.App.Workspace;

/// <summary>Marker for the workspace's localized strings (WorkspaceStrings.resx = French, .en.resx = English).</summary>
public sealed class WorkspaceStrings;
