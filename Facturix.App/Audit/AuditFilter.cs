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

    /// <summary>
    /// From the start of the From day to the end of the To day, both in the agency's zone. A day at the calendar's edge
    /// (From 0001-01-01, To 9999-12-31, typed or put in the export link) has no instant to bound by: the end of the last
    /// day and the start of the first, in Paris, fall outside <see cref="DateTimeOffset"/> and threw (a 500 from the
    /// export). Such a bound means "since ever" or "until the end", so it is left out.
    /// </summary>
    public AuditQuery ToQuery() => new(
        Trimmed(ActorEmail), Trimmed(Action), Trimmed(Target),
        From is { } from && from.Date >= FirstBoundDay ? StartOfDay(from) : null,
        To is { } to && to.Date <= LastBoundDay ? StartOfDay(to.Date.AddDays(1)) : null);

    /// <summary>The first From day whose start, in the agency's zone (ahead of UTC), is still a representable instant.</summary>
    private static readonly DateTime FirstBoundDay = DateTime.MinValue.Date.AddDays(1);
    /// <summary>The last To day that has a next day to end on.</summary>
    private static readonly DateTime LastBoundDay = DateTime.MaxValue.Date.AddDays(-1);

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
