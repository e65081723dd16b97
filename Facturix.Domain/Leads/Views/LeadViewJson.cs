using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Facturix.Domain.Leads.Views;

/// <summary>
/// The stored form of a <see cref="LeadViewDefinition"/> (<c>saved_views.definition</c>, jsonb): camelCase, enums by name.
/// Reading is tolerant because the list's columns, sorts and enums change over time while stored views stay: unknown
/// column keys and sort keys are dropped, and a definition that no longer reads at all falls back to the default view
/// rather than breaking the page.
/// </summary>
public static class LeadViewJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly HashSet<string> SortKeys = typeof(LeadListQuery.Sort)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    public static string Write(LeadViewDefinition definition) => JsonSerializer.Serialize(Normalize(definition), Options);

    public static LeadViewDefinition Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return LeadViewDefinition.Default;
        try
        {
            var read = JsonSerializer.Deserialize<LeadViewDefinition>(json, Options);
            return read is null ? LeadViewDefinition.Default : Normalize(read);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return LeadViewDefinition.Default;
        }
    }

    /// <summary>Known column keys only (in order, once), a known sort or none, a query even when the JSON had none.</summary>
    public static LeadViewDefinition Normalize(LeadViewDefinition definition)
    {
        var columns = (definition.VisibleColumns ?? []).Where(c => c is not null && LeadColumns.IsKnown(c)).Distinct(StringComparer.Ordinal).ToList();
        var sort = definition.SortBy is { } s && SortKeys.Contains(s) ? s : null;
        return definition with
        {
            Query = definition.Query ?? LeadListQuery.Empty,
            SortBy = sort,
            SortDescending = sort is not null && definition.SortDescending,
            // "All columns" is stored as none, so a view saved before a column was added shows that column too.
            VisibleColumns = columns.Count == 0 || columns.SequenceEqual(LeadColumns.Default) ? null : columns,
            Mode = Enum.IsDefined(definition.Mode) ? definition.Mode : LeadViewMode.Table,
        };
    }

    /// <summary>True when both describe the same screen (records compare lists by reference, so compare the stored form).</summary>
    public static bool SameScreen(LeadViewDefinition a, LeadViewDefinition b) => Write(a) == Write(b);
}
