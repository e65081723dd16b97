using Facturix.Domain.Leads.Cleanup;
using FluentValidation;

namespace Facturix.Domain.Campaigns;

/// <summary>
/// How the workspace runs a campaign: calling hours in the campaign's IANA time zone, the lead lock lease, the attempt
/// cap and the wait between attempts. Hours are time-of-day spans (what a time picker edits); "within the day" means
/// from 00:00 up to 24:00. A time picker cannot say 24:00, so an end of 00:00 means midnight at the end of the day
/// (09:00–00:00 calls until midnight, 00:00–00:00 all day); 24:00 itself is accepted too and stored the same way
/// (docs/decisions/0077).
/// </summary>
public sealed class CampaignSettingsInput
{
    public TimeSpan? CallingHoursStart { get; set; } = new(9, 0, 0);
    public TimeSpan? CallingHoursEnd { get; set; } = new(18, 0, 0);
    public string TimeZone { get; set; } = "Europe/Paris";
    public int LockLeaseMinutes { get; set; } = 15;
    public int MaxCallAttempts { get; set; } = 6;
    public int RetryDelayMinutes { get; set; } = 240;
    /// <summary>
    /// The countries the campaign targets, as typed: ISO 3166-1 alpha-2 codes separated by commas, semicolons or spaces
    /// ("FR, BE"). A lead in one of them scores the country fit (docs/decisions/0030); empty means no target.
    /// </summary>
    public string TargetCountries { get; set; } = "";

    /// <summary>The typed codes, upper-case, each once, in the order typed.</summary>
    public static IReadOnlyList<string> ParseCountries(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>An ISO 3166-1 alpha-2 code the app knows ("FR"); names and alpha-3 codes are refused here: the list is codes.</summary>
    public static bool IsCountryCode(string code) =>
        code.Length == 2 && string.Equals(LeadNormalizer.Country(code), code, StringComparison.Ordinal);
}

/// <summary>Codes only; the bounds are constants so the form can show them as hints.</summary>
public sealed class CampaignSettingsInputValidator : AbstractValidator<CampaignSettingsInput>
{
    public const int LockLeaseMin = 1, LockLeaseMax = 240;
    public const int MaxAttemptsMin = 1, MaxAttemptsMax = 50;
    public const int RetryDelayMin = 0, RetryDelayMax = 10_080; // one week
    public const int MaxTargetCountries = 50;

    private static readonly TimeSpan EndOfDay = TimeSpan.FromHours(24);

    public CampaignSettingsInputValidator()
    {
        RuleFor(s => s.TimeZone).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("campaign.time-zone.required")
            .Must(IsIanaZone).WithErrorCode("campaign.time-zone.unknown");
        RuleFor(s => s.CallingHoursStart).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("campaign.hours-start.required")
            .Must(t => t >= TimeSpan.Zero && t < EndOfDay).WithErrorCode("campaign.hours-start.out-of-day");
        RuleFor(s => s.CallingHoursEnd).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("campaign.hours-end.required")
            .Must(t => t >= TimeSpan.Zero && t <= EndOfDay).WithErrorCode("campaign.hours-end.out-of-day")
            // No window past midnight: a start and end typed the wrong way round would silently mean calling at night.
            .Must((s, end) => s.CallingHoursStart is not { } start || AsEnd(end!.Value) > start).WithErrorCode("campaign.hours-end.before-start");
        RuleFor(s => s.LockLeaseMinutes)
            .InclusiveBetween(LockLeaseMin, LockLeaseMax).WithErrorCode("campaign.lock-lease.range");
        RuleFor(s => s.MaxCallAttempts)
            .InclusiveBetween(MaxAttemptsMin, MaxAttemptsMax).WithErrorCode("campaign.max-attempts.range");
        RuleFor(s => s.RetryDelayMinutes)
            .InclusiveBetween(RetryDelayMin, RetryDelayMax).WithErrorCode("campaign.retry-delay.range");
        RuleFor(s => s.TargetCountries).Cascade(CascadeMode.Stop)
            .Must(t => CampaignSettingsInput.ParseCountries(t).All(CampaignSettingsInput.IsCountryCode)).WithErrorCode("campaign.target-countries.unknown")
            .Must(t => CampaignSettingsInput.ParseCountries(t).Count <= MaxTargetCountries).WithErrorCode("campaign.target-countries.too-many");
    }

    /// <summary>An end as a span of the day: 00:00 is midnight at its end, 24:00.</summary>
    public static TimeSpan AsEnd(TimeSpan end) => end == TimeSpan.Zero ? EndOfDay : end;

    /// <summary>
    /// A zone the server knows by its IANA id ("Europe/Paris"). Windows ids ("Romance Standard Time") are found on
    /// Linux too, by conversion, but are refused: the stored id must mean the same thing on every machine.
    /// </summary>
    public static bool IsIanaZone(string? id) =>
        !string.IsNullOrWhiteSpace(id)
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
        && zone.HasIanaId
        && string.Equals(zone.Id, id, StringComparison.Ordinal);
}
