using System.Globalization;
using Facturix.App.Shell;
using Facturix.Domain.Audit;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Facturix.App.Audit;

/// <summary>
/// The audit page's filters as the person sets them (dates are days in the agency's zone), turned into the service's
/// <see cref="AuditQuery"/> (UTC instants) and into the export link's query string, which the export endpoint reads
/// back with <see cref="Parse"/>: the download always matches what the page shows.
/// </summary>
public sealed record AuditFilter(string? ActorEmail = null, string? Action = null, string? Target = null, DateTime? From = null, DateTime? To = null)
{
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(UserClock.DefaultZoneId);

    public bool IsEmpty => Blank(ActorEmail) && Blank(Action) && Blank(Target) && From is null && To is null;

    /// <summary>From the start of the From day to the end of the To day, both in the agency's zone.</summary>
    public AuditQuery ToQuery() => new(
        Trimmed(ActorEmail), Trimmed(Action), Trimmed(Target),
        From is { } from ? StartOfDay(from) : null,
        To is { } to ? StartOfDay(to.Date.AddDays(1)) : null);

    /// <summary>The export endpoint's URL with these filters ("/admin/audit/export?action=...").</summary>
    public string ExportUrl()
    {
        var values = new Dictionary<string, string?>
        {
            ["actor"] = Trimmed(ActorEmail),
            ["action"] = Trimmed(Action),
            ["target"] = Trimmed(Target),
            ["from"] = From?.ToString(DateFormat, CultureInfo.InvariantCulture),
            ["to"] = To?.ToString(DateFormat, CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString(AuditExportEndpoint.Path, values.Where(v => v.Value is not null)!);
    }

    /// <summary>Reads <see cref="ExportUrl"/>'s query string back; unreadable dates are ignored.</summary>
    public static AuditFilter Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new AuditFilter(
            values.GetValueOrDefault("actor"), values.GetValueOrDefault("action"), values.GetValueOrDefault("target"),
            Date(values.GetValueOrDefault("from")), Date(values.GetValueOrDefault("to")));
    }

    public static DateTimeOffset StartOfDay(DateTime day)
    {
        var local = DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTime? Date(string? text) =>
        DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string? Trimmed(string? text) => Blank(text) ? null : text!.Trim();
}
