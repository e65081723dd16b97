using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.Workspace;

namespace Facturix.Domain.Import;

/// <summary>What a new lead's score depends on besides the row (no activity yet): the campaign's targets and the time.</summary>
public sealed class ImportRowContext(IReadOnlySet<string> targetCountries, DateTimeOffset now)
{
    public IReadOnlySet<string> TargetCountries { get; } = targetCountries;
    public DateTimeOffset Now { get; } = now;

    // Files repeat a handful of country spellings and job titles over and over: folding and scoring each distinct value
    // once saves most of the per-row CPU. Bounded so a file of all-distinct values cannot grow them without limit: at a
    // million rows of distinct websites and phone prefixes, caps ten times larger held some 90 MB of the app's memory
    // (issue 15's 300 MB target) for almost no hits.
    private const int CacheLimit = 20_000;
    private readonly CappedMemo<string, string?> _countries = new(CacheLimit, StringComparer.Ordinal);
    private readonly CappedMemo<(string?, string), int> _titleCountryPoints = new(CacheLimit);
    private readonly CappedMemo<int, int> _sizePoints = new(CacheLimit);
    private readonly CappedMemo<(string, string), string?> _zones = new(CacheLimit);
    private readonly CappedMemo<string, string?> _domains = new(CacheLimit, StringComparer.Ordinal);

    internal string? Country(string raw) => _countries.Get(raw, 0, static (raw, _) => LeadNormalizer.Country(raw));

    /// <summary>
    /// <see cref="LeadTimeZones.For"/>, remembered per country and E.164 prefix of 7 digits: libphonenumber's time-zone map
    /// goes by prefixes shorter than that (country code and area code), so numbers sharing one get the same zones.
    /// </summary>
    internal string? TimeZone(string? phone, string country)
    {
        if (phone is null) return LeadTimeZones.For(null, country);
        var key = (phone.Length > PrefixLength ? phone[..PrefixLength] : phone, country);
        return _zones.Get(key, phone, static (key, phone) => LeadTimeZones.For(phone, key.Item2));
    }

    private const int PrefixLength = 8; // "+" and 7 digits

    /// <summary>
    /// <see cref="DuplicateKeys.WebsiteDomain"/> of a website: many rows share their company's. A social network's page
    /// (Sales Navigator exports put the company's LinkedIn page there) gives none: the row's email domain stands in.
    /// </summary>
    internal string? WebsiteDomain(string website) => _domains.Get(website, 0, static (website, _) => DuplicateKeys.WebsiteDomain(website));

    /// <summary>
    /// <see cref="LeadScoring.Compute"/>'s total for a new lead (no activity, never contacted). Its unclamped score is the
    /// sum of its contributions (<see cref="LeadScore"/>): the title's and the country's, remembered per title and country,
    /// plus the headcount's, remembered per headcount (a rule input left null or blank adds 0). Remembered as one key, the
    /// combinations of titles and headcounts of a real file overflowed the cap and were scored again on most rows.
    /// </summary>
    internal int Score(string? jobTitle, int? employees, string country)
    {
        var titleAndCountry = _titleCountryPoints.Get((jobTitle, country), this, static (key, context) =>
            LeadScoring.Compute(new LeadScoreInputs(key.Item1, null, key.Item2, context.TargetCountries, 0, 0, null, context.Now)).Unclamped);
        var size = employees is not { } count ? 0 : _sizePoints.Get(count, this, static (count, context) =>
            LeadScoring.Compute(new LeadScoreInputs(null, count, null, context.TargetCountries, 0, 0, null, context.Now)).Unclamped);
        return Math.Clamp(titleAndCountry + size, LeadScoring.MinScore, LeadScoring.MaxScore);
    }
}
