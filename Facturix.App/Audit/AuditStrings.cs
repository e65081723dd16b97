namespace Facturix.App.Audit;

/// <summary>Marker for the audit log page's localized strings.</summary>
public sealed class AuditStrings;
