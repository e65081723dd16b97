using System.Globalization;
using Facturix.Infrastructure.Database.LocalPostgres;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.DemoData;

public static class DemoDataSetup
{
    /// <summary>"true" seeds the demo data on start when the database is empty; "false" never does.
    /// Unset: seeds only on the embedded local database (a first run on a developer machine).</summary>
    public const string SeedDemoKey = "Facturix:SeedDemo";

    /// <summary>Number of demo leads (default 20,000; browser tests use 300).</summary>
    public const string DemoLeadsKey = "Facturix:DemoLeads";

    /// <summary>Random seed of the demo data (default <see cref="DemoSeedOptions.Seed"/>).</summary>
    public const string DemoSeedKey = "Facturix:DemoSeed";

    /// <summary>Registers <see cref="DemoDataSeeder"/> (scoped, like Identity's password hasher) and <see cref="DemoDataStartup"/>.</summary>
    public static IServiceCollection AddFacturixDemoData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddScoped<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton(sp => new DemoDataStartup(
            sp.GetRequiredService<IServiceScopeFactory>(),
            configuration,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<DemoDataStartup>>()));
        return services;
    }
}

/// <summary>Runs the demo seed at start when configuration asks for it (see <see cref="DemoDataSetup.SeedDemoKey"/>).</summary>
public sealed class DemoDataStartup(
    IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<DemoDataStartup> logger)
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
        var value = configuration[DemoDataSetup.SeedDemoKey];
        if (string.IsNullOrWhiteSpace(value))
            return string.Equals(configuration[EmbeddedPostgresExtensions.EmbeddedDatabaseKey], "true", StringComparison.OrdinalIgnoreCase);
        return bool.TryParse(value, out var enabled)
            ? enabled
            : throw new InvalidOperationException($"{DemoDataSetup.SeedDemoKey} must be true or false, not '{value}'.");
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
