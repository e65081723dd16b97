using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Localization;

/// <summary>
/// Labels of stored values (enums, roles, capabilities) in the current language, read from <see cref="EnumStrings"/>.
/// Extension methods on the localizer a component already injects (<c>@inject IStringLocalizer&lt;EnumStrings&gt; E</c>,
/// then <c>@E.Label(lead.Status)</c>, <c>@E.Role(role)</c>), so services, pages and tests need nothing registered.
/// Values are stored as data (never as words) and worded here at display time, so they read in either language.
/// A value without a label shows its raw name rather than a resource key; a test keeps every label present.
/// </summary>
public static class EnumText
{
    /// <summary>"Nouveau" for <c>LeadStatus.New</c> (key <c>LeadStatus.New</c>).</summary>
    public static string Label<TEnum>(this IStringLocalizer<EnumStrings> strings, TEnum value) where TEnum : struct, Enum =>
        Lookup(strings, Key(value), value.ToString());

    /// <summary>"Administrateur" for the Identity role name "Admin" (key <c>Role.Admin</c>).</summary>
    public static string Role(this IStringLocalizer<EnumStrings> strings, string role) =>
        Lookup(strings, RoleKey(role), role);

    /// <summary>"Exporter les leads" for <c>Capability.LeadsExport</c> (key <c>Capability.leads.export</c>).</summary>
    public static string Capability(this IStringLocalizer<EnumStrings> strings, Capability capability) =>
        Lookup(strings, CapabilityKey(capability), capability.Key());

    /// <summary>
    /// "Lead passé": the words for the marker a skip stores as its note's subject (<c>Activity.SkipSubject</c>). One label
    /// for the workspace, the lead's timeline and the account's activity, which all show skips.
    /// </summary>
    public static string SkippedLead(this IStringLocalizer<EnumStrings> strings) =>
        Lookup(strings, "Activity.Skipped", "Lead skipped");

    public static string Key<TEnum>(TEnum value) where TEnum : struct, Enum => $"{typeof(TEnum).Name}.{value}";

    public static string RoleKey(string role) => $"Role.{role}";

    public static string CapabilityKey(Capability capability) => $"Capability.{capability.Key()}";

    private static string Lookup(IStringLocalizer<EnumStrings> strings, string key, string fallback)
    {
        var text = strings[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
