using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Infrastructure.Dashboard.Pieces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.Dashboard.AtRisk;

/// <summary>
/// The at-risk thresholds (<c>Facturix:Dashboard:AtRisk</c>): each agency judges "quiet" and "far below" its own way.
/// Defaults are <see cref="AtRiskSettings.Default"/>. The windows must fit in the dashboard pieces' window, which holds
/// the rollup rows they are summed from (docs/decisions/0064); a setting outside its range stops the app at start.
/// </summary>
public sealed class AtRiskOptions
{
    public const string Section = "Facturix:Dashboard:AtRisk";

    /// <summary>Whole days without a call, an email or a conversion before a started campaign is flagged.</summary>
    public int IdleDays { get; set; } = AtRiskSettings.Default.IdleDays;

    /// <summary>A recent contact rate under this share of the campaign's own norm is flagged (0.5: half).</summary>
    public double ContactRateFloor { get; set; } = AtRiskSettings.Default.ContactRateFloor;

    /// <summary>Days of the recent window (contact rate, daily pace).</summary>
    public int RecentDays { get; set; } = AtRiskSettings.Default.RecentDays;

    /// <summary>Days of the norm window just before the recent one.</summary>
    public int NormDays { get; set; } = AtRiskSettings.Default.NormDays;

    /// <summary>Days before the end date when a goal behind pace is flagged.</summary>
    public int NearEndDays { get; set; } = AtRiskSettings.Default.NearEndDays;

    /// <summary>Calls a window needs before its contact rate is judged.</summary>
    public int MinCallsForRate { get; set; } = AtRiskSettings.Default.MinCallsForRate;

    public AtRiskSettings ToSettings() => new(IdleDays, ContactRateFloor, RecentDays, NormDays, NearEndDays, MinCallsForRate);

    /// <summary>What is wrong with these settings, or null when they can be used.</summary>
    public string? Problem() =>
        IdleDays < 1 || RecentDays < 1 || NormDays < 1 || NearEndDays < 0 || MinCallsForRate < 1
            ? "Day counts and MinCallsForRate must be positive (NearEndDays may be 0)."
            : ContactRateFloor is <= 0 or >= 1
                ? "ContactRateFloor is a share of the norm, strictly between 0 and 1."
                : RecentDays + NormDays > DashboardPieces.WindowDays
                    ? $"RecentDays + NormDays must be at most {DashboardPieces.WindowDays}: the dashboard keeps that many days of figures."
                    : null;

    internal static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<AtRiskOptions>, Validator>();
        services.AddOptions<AtRiskOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(Section).Bind(o))
            .ValidateOnStart();
    }

    /// <summary>Says which setting is wrong, so whoever deploys reads the reason in the start-up error.</summary>
    private sealed class Validator : IValidateOptions<AtRiskOptions>
    {
        public ValidateOptionsResult Validate(string? name, AtRiskOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail($"{Section}: {problem}") : ValidateOptionsResult.Success;
    }
}
