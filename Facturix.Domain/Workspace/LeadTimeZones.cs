using Facturix.Domain.Common;
using PhoneNumbers;

namespace Facturix.Domain.Workspace;

/// <summary>
/// The IANA zone a lead is called in (<see cref="Leads.Lead.TimeZone"/>): from its E.164 phone with libphonenumber's
/// time-zone mapper, else from its country, else null (the campaign's zone). Every write that sets a lead's phone or
/// country stores <see cref="For"/>, so Get Next filters calling hours in SQL without reading phones.
/// </summary>
public static class LeadTimeZones
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberToTimeZonesMapper Mapper = PhoneNumberToTimeZonesMapper.GetInstance();

    /// <summary>
    /// Countries spanning several zones whose example number libphonenumber would place off the population centre
    /// (Canada's is in Moncton, Russia's in Irkutsk): the zone most of their business phones ring in.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> CountryOverrides = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CA"] = "America/Toronto",
        ["US"] = "America/New_York",
        ["RU"] = "Europe/Moscow",
        ["MX"] = "America/Mexico_City",
        ["BR"] = "America/Sao_Paulo",
        ["AU"] = "Australia/Sydney",
    };

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string?> CountryCache = new(StringComparer.Ordinal);

    /// <summary>
    /// The zone of a lead with <paramref name="phone"/> (E.164) in <paramref name="country"/> (ISO alpha-2), or null.
    /// A number the mapper ties to several zones (a toll-free +1 800) takes the country's zone when it is one of them,
    /// else the first in ordinal order: the same inputs always give the same zone.
    /// </summary>
    public static string? For(string? phone, string? country)
    {
        var countryZone = ForCountry(country);
        var zones = PhoneZones(phone);
        if (zones.Count == 0) return countryZone;
        if (zones.Count == 1) return zones[0];
        return countryZone is not null && zones.Contains(countryZone) ? countryZone : zones[0];
    }

    /// <summary>Stores the zone of the lead's current phone and country: every write that sets either calls it.</summary>
    public static void Refresh(Leads.Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        lead.TimeZone = For(lead.Phone, lead.Country?.Trim());
    }

    /// <summary>The zone of <paramref name="country"/> (its example fixed line's, or the override), or null when unknown.</summary>
    public static string? ForCountry(string? country)
    {
        if (string.IsNullOrWhiteSpace(country)) return null;
        var code = country.Trim().ToUpperInvariant();
        lock (Gate)
        {
            if (CountryCache.TryGetValue(code, out var cached)) return cached;
        }
        string? zone;
        if (CountryOverrides.TryGetValue(code, out var overridden)) zone = overridden;
        else
        {
            var example = E164.Regions.Contains(code) ? Phones.GetExampleNumberForType(code, PhoneNumberType.FIXED_LINE) : null;
            zone = example is null ? null : Known(Mapper.GetTimeZonesForNumber(example)).FirstOrDefault();
        }
        lock (Gate) CountryCache[code] = zone;
        return zone;
    }

    /// <summary>Whether <paramref name="zoneId"/> is an IANA zone this machine knows (PostgreSQL uses the same database).</summary>
    public static bool IsKnown(string? zoneId) =>
        !string.IsNullOrWhiteSpace(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _);

    private static List<string> PhoneZones(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return [];
        PhoneNumber number;
        try
        {
            number = Phones.Parse(phone, "ZZ");
        }
        catch (NumberParseException)
        {
            return [];
        }
        return Known(Mapper.GetTimeZonesForNumber(number));
    }

    private static List<string> Known(IEnumerable<string> zones) =>
        zones.Where(z => z != "Etc/Unknown" && IsKnown(z)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
