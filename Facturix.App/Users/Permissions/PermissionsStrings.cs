namespace Facturix.App.Users.Permissions;

/// <summary>Marker for the permission matrix page's localized strings.</summary>
public sealed class PermissionsStrings;
