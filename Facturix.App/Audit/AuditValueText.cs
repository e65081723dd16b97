using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Facturix.App.Audit;

/// <summary>
/// An audit event's stored values (JSON) as a person reads them in the details panel. The row keeps what the service
/// wrote: only the display changes, and the export still carries the stored text.
/// <para>A campaign's calling hours are <c>TimeOnly</c> values, stored as "09:00:00"; they read as the reader's short time
/// ("09:00" in French, "9:00 AM" in English), and an end of 00:00 as midnight: since decision 0077 that end means 24:00,
/// the end of the day, and "00:00" read as a window closed before it opened.</para>
/// </summary>
public static class AuditValueText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // As AuditTrail writes them (camelCase, JsonSerializerDefaults.Web); compared ignoring case for older rows.
    private const string HoursStart = "callingHoursStart";
    private const string HoursEnd = "callingHoursEnd";

    /// <summary>
    /// The JSON indented for reading, with calling hours in <see cref="CultureInfo.CurrentCulture"/>'s short time and an
    /// end of 00:00 as <paramref name="midnight"/>. Text that is not JSON is returned as it is.
    /// </summary>
    public static string Readable(string json, string midnight)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }
        if (root is null) return json;
        Rewrite(root, midnight);
        return root.ToJsonString(Indented);
    }

    private static void Rewrite(JsonNode node, string midnight)
    {
        switch (node)
        {
            case JsonObject values:
                foreach (var (key, value) in values.ToList())
                {
                    if (value is JsonValue scalar && Hours(key, scalar, midnight) is { } shown) values[key] = shown;
                    else if (value is not null) Rewrite(value, midnight);
                }
                break;
            case JsonArray items:
                foreach (var item in items)
                    if (item is not null) Rewrite(item, midnight);
                break;
        }
    }

    private static string? Hours(string key, JsonValue value, string midnight)
    {
        var isEnd = key.Equals(HoursEnd, StringComparison.OrdinalIgnoreCase);
        if (!isEnd && !key.Equals(HoursStart, StringComparison.OrdinalIgnoreCase)) return null;
        if (!value.TryGetValue<string>(out var text)
            || !TimeOnly.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return null;
        return isEnd && time == TimeOnly.MinValue ? midnight : Spaced(time.ToString("t", CultureInfo.CurrentCulture));
    }

    /// <summary>
    /// ICU's English short time puts a narrow no-break space before AM/PM, which the JSON writer escapes ("9:00\u202FAM"
    /// on screen): the value shows with a plain space instead, inside a <c>pre</c> that does not wrap it anyway.
    /// </summary>
    private static string Spaced(string time) =>
        string.Create(time.Length, time, (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                chars[i] = char.GetUnicodeCategory(source[i]) == UnicodeCategory.SpaceSeparator ? ' ' : source[i];
        });
}
