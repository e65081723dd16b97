using Facturix.Domain.Audit;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Audit;

/// <summary>
/// An audit event's action and target type as a person reads them ("Connexion réussie", "campagne"). The stored codes
/// ("signin.succeeded") stay the data: the export and the filter's value keep them, and a code with no label yet shows
/// as itself. A test keeps a label for every action and target type the services write.
/// </summary>
public static class AuditText
{
    public static string ActionLabel(this IStringLocalizer<AuditStrings> strings, string action) =>
        Lookup(strings, $"Action.{action}", action);

    public static string EntityLabel(this IStringLocalizer<AuditStrings> strings, string entityType) =>
        Lookup(strings, $"Entity.{entityType}", entityType);

    /// <summary>The export's label columns in the current UI culture (the request's, for the download).</summary>
    public static AuditExportLabels ExportLabels(this IStringLocalizer<AuditStrings> strings) =>
        new(strings.ActionLabel, strings.EntityLabel);

    private static string Lookup(IStringLocalizer<AuditStrings> strings, string key, string fallback)
    {
        var text = strings[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
