using System.Globalization;
using Facturix.Infrastructure.Database.LocalPostgres;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.DemoData;

/// <summary>Runs the demo seed at start when configuration asks for it (see <see cref="DemoDataSetup.SeedDemoKey"/>).</summary>
public sealed class DemoDataStartup(
    IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<DemoDataStartup> logger, bool isProduction = false)
{
    /// <summary>Seeds an empty database if enabled; returns true when it wrote the demo data.</summary>
    public async Task<bool> SeedIfConfiguredAsync(CancellationToken ct = default)
    {
        if (!IsEnabled())
        {
            logger.LogDebug("Demo data seeding is off ({Key}).", DemoDataSetup.SeedDemoKey);
            return false;
        }

        var defaults = new DemoSeedOptions();
        var options = defaults with
        {
            LeadCount = ReadInt(DemoDataSetup.DemoLeadsKey, defaults.LeadCount),
            Seed = ReadInt(DemoDataSetup.DemoSeedKey, defaults.Seed),
            Now = time.GetUtcNow(),
        };
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(options, ct);
    }

    private bool IsEnabled()
    {
        var embedded = string.Equals(configuration[EmbeddedPostgresSetup.EmbeddedDatabaseKey], "true", StringComparison.OrdinalIgnoreCase);
        var enabled = ShouldSeed(configuration[DemoDataSetup.SeedDemoKey], embedded, isProduction);
        if (!enabled && embedded && isProduction && string.IsNullOrWhiteSpace(configuration[DemoDataSetup.SeedDemoKey]))
            logger.LogWarning("Production on the embedded database: no demo data (its users share one known password). Set {Key}=true to seed it anyway.",
                DemoDataSetup.SeedDemoKey);
        return enabled;
    }

    /// <summary>
    /// The rule: an explicit <c>Facturix:SeedDemo</c> wins; unset, the embedded default seeds (a first run shows
    /// something), except in Production, where demo users with a published password must never appear silently.
    /// </summary>
    internal static bool ShouldSeed(string? seedDemo, bool embedded, bool production)
    {
        if (string.IsNullOrWhiteSpace(seedDemo))
            return embedded && !production;
        return bool.TryParse(seedDemo, out var enabled)
            ? enabled
            : throw new InvalidOperationException($"{DemoDataSetup.SeedDemoKey} must be true or false, not '{seedDemo}'.");
    }

    private int ReadInt(string key, int fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
            ? parsed
            : throw new InvalidOperationException($"{key} must be a non-negative whole number, not '{value}'.");
    }
}
