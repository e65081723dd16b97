namespace Facturix.App.Users.Admin;

/// <summary>Marker for the admin pages' localized strings.</summary>
public sealed class AdminStrings;
